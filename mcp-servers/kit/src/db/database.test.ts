import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { DATABASE_START_TIMEOUT_MS, dropPrefixedSchemas, testEngines, uniquePrefix } from '../testing/test-database.ts';

const prefix = uniquePrefix();

describe.each(testEngines())('database conformance: $name', ({ open }) => {
  beforeAll(async () => void (await open()), DATABASE_START_TIMEOUT_MS);
  afterAll(async () => dropPrefixedSchemas(await open(), prefix));

  it('parses numbers, timestamps and json the same way on both engines', async () => {
    const db = await open();
    const [row] = await db.query<{ n: number; b: number; t: string; j: { a: number } }>(
      `SELECT 12.34::numeric(12,2) AS n, 9007199254740991::bigint AS b, '2024-05-01T10:00:00Z'::timestamptz AS t, '{"a":1}'::jsonb AS j`,
    );
    expect(row).toEqual({ n: 12.34, b: 9007199254740991, t: '2024-05-01T10:00:00.000Z', j: { a: 1 } });
  });

  it('rolls back everything a failed transaction wrote', async () => {
    const db = await open();
    const schema = `${prefix}_tx`;
    await migrate(db, schema, [{ version: 1, name: 'init', up: (s) => `CREATE TABLE ${s}.things (id text PRIMARY KEY)` }]);
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${schema}.things VALUES ($1)`, ['a']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query(`SELECT * FROM ${schema}.things`)).toEqual([]);
  });

  it('applies each migration once, in version order', async () => {
    const db = await open();
    const schema = `${prefix}_mig`;
    const migrations = [
      { version: 2, name: 'add column', up: (s: string) => `ALTER TABLE ${s}.items ADD COLUMN qty integer NOT NULL DEFAULT 0` },
      { version: 1, name: 'init', up: (s: string) => `CREATE TABLE ${s}.items (id text PRIMARY KEY)` },
    ];
    expect(await migrate(db, schema, migrations)).toEqual([1, 2]);
    expect(await migrate(db, schema, migrations)).toEqual([]);
    await db.query(`INSERT INTO ${schema}.items (id, qty) VALUES ('x', 3)`);
    expect(await db.query(`SELECT id, qty FROM ${schema}.items`)).toEqual([{ id: 'x', qty: 3 }]);
  });

  it('refuses schema names that could inject SQL', async () => {
    const db = await open();
    await expect(migrate(db, 'x; DROP TABLE y', [])).rejects.toThrow(/schema name .* is invalid/);
  });
});
