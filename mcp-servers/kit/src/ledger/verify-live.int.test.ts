import { afterAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { kitMigrations } from '../kit-migrations.ts';
import { dropPrefixedSchemas, sharedPostgres, testPostgresUrl, uniquePrefix, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';
import { generateSigner } from './ledger-keys.ts';
import { createLedger } from './ledger.ts';
import { verifyLedger } from './verify-ledger.ts';

const prefix = uniquePrefix();

describe.skipIf(!testPostgresUrl())('ledger verify on a live ledger (PostgreSQL)', () => {
  afterAll(async () => dropPrefixedSchemas(await sharedPostgres(), prefix));

  it('reads heads and rows in one snapshot: an append while it runs is neither half seen nor reported as tampering', async () => {
    const db = await sharedPostgres();
    const schema = `${prefix}_kit`;
    await migrate(db, schema, kitMigrations);
    const signer = generateSigner();
    const writer = createLedger(schema, signer);
    const append = (callId: string) => db.transaction((tx) => writer.append(tx, [{ kind: 'result', callId, data: {} }], new Date()));
    // Two chains in use: hold one chain's head while a second append takes another.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = db.transaction(async (tx) => {
      await createLedger(schema, signer).append(tx, [{ kind: 'result', callId: 'held', data: {} }], new Date());
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await append('second');
    release();
    await first;
    const used = await db.query<{ chain: number }>(`SELECT DISTINCT chain FROM ${schema}.ledger ORDER BY chain`);
    expect(used.length).toBe(2);
    const last = used.at(-1)!.chain;
    // When verify starts reading the last chain, another writer appends to it (and commits).
    let appended = false;
    const live: Database = {
      ...db,
      transaction: (fn) => db.transaction((tx) => fn({ ...tx, query: async (sql: string, params?: unknown[]) => {
        if (!appended && /WHERE chain = \$1/.test(sql) && params?.[0] === last) {
          appended = true;
          await append('during-verify');
        }
        return tx.query(sql, params as never);
      } } as Queryable)),
    };
    const during = await verifyLedger(live, schema, signer.publicKeys);
    expect(appended).toBe(true);
    expect(during).toMatchObject({ ok: true, entries: 2 });
    expect(await verifyLedger(db, schema, signer.publicKeys)).toMatchObject({ ok: true, entries: 3 });
  }, DATABASE_START_TIMEOUT_MS);
});
