import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { openPostgresDatabase } from '../db/postgres-database.ts';
import { kitMigrations } from '../kit-migrations.ts';
import { migrateRefunds } from '../testing/refunds-system.ts';
import { dropPrefixedSchemas, testPostgresUrl, uniquePrefix } from '../testing/test-database.ts';
import { bareScript, layerRecordsScript, parsePgbenchReport } from './postgres-floor-scripts.ts';

const shape = { entries: [{ body: 536, signature: 0 }, { body: 561, signature: 0 }, { body: 495, signature: 88 }], hashLength: 64, keyIdLength: 16, scopeLength: 44, resultLength: 29 };
const report = (extra = '') => `transaction type: x.sql\nnumber of transactions actually processed: 400/400\n${extra}latency average = 0.731 ms\ninitial connection time = 3.2 ms\ntps = 10943.512 (without initial connection time)\n`;

describe('postgres floor scripts', () => {
  it('reads throughput, latency and count from a pgbench report, and refuses one without them or with failures', () => {
    expect(parsePgbenchReport(report('number of failed transactions: 0 (0.000%)\n'))).toEqual({ tps: 10943.512, latencyMs: 0.731, transactions: 400 });
    expect(() => parsePgbenchReport('pgbench: error: connection refused')).toThrow(/pgbench reported no result:\npgbench: error: connection refused/);
    expect(() => parsePgbenchReport(report('number of failed transactions: 3 (0.750%)\n'))).toThrow('pgbench: 3 transactions failed');
  });

  it('refuses schema names it would have to quote and a chain count that is not a positive whole number', () => {
    expect(() => bareScript({ refunds: 'a; DROP', kit: 'k', chains: 16 })).toThrow('the refunds schema must be a plain lower-case identifier, got "a; DROP"');
    expect(() => layerRecordsScript({ refunds: 'r', kit: 'k', chains: 0 }, shape)).toThrow('chains must be a positive whole number, got 0');
    expect(() => layerRecordsScript({ refunds: 'r', kit: 'k', chains: 16 }, { ...shape, entries: [] })).toThrow('the record shape has no ledger entries');
  });
});

const pgbench = spawnSync('pgbench', ['--version']).status === 0;

describe.skipIf(!testPostgresUrl() || !pgbench)('postgres floor scripts run by pgbench on PostgreSQL', () => {
  let db: Database;
  const prefix = uniquePrefix();
  const schemas = { refunds: `${prefix}_refunds`, kit: `${prefix}_kit`, chains: 16 };
  const dir = mkdtempSync(join(tmpdir(), 'postgres-floor-test-'));
  const run = (name: string, script: string) => {
    const file = join(dir, name);
    writeFileSync(file, script);
    const out = spawnSync('pgbench', ['-n', '-M', 'prepared', '-c', '3', '-j', '1', '-t', '20', '-f', file, testPostgresUrl()!], { encoding: 'utf8' });
    return parsePgbenchReport(`${out.stdout}\n${out.stderr}`);
  };
  const count = async (sql: string) => Number((await db.query<{ n: string }>(sql))[0]!.n);

  beforeAll(async () => {
    db = await openPostgresDatabase(testPostgresUrl()!, { max: 2 });
    await migrateRefunds(db, schemas.refunds, Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`c${i}`, 0])));
    await migrate(db, schemas.kit, kitMigrations);
  });
  afterAll(async () => {
    await dropPrefixedSchemas(db, prefix);
    await db.close();
  });

  it('the bare script makes one refund and one credit per transaction, and nothing in the kit', async () => {
    expect(run('bare.sql', bareScript(schemas)).transactions).toBe(60);
    expect(await count(`SELECT count(*) AS n FROM ${schemas.refunds}.refunds`)).toBe(60);
    expect(await count(`SELECT (sum(balance) * 100)::int AS n FROM ${schemas.refunds}.wallets`)).toBe(60 * 125);
    expect(await count(`SELECT count(*) AS n FROM ${schemas.kit}.ledger`)).toBe(0);
  });

  it('the records script adds, per transaction, one key, one velocity count and the ledger rows of the shape, on chains whose heads match them', async () => {
    expect(run('layer.sql', layerRecordsScript(schemas, shape)).transactions).toBe(60);
    expect(await count(`SELECT count(*) AS n FROM ${schemas.refunds}.refunds`)).toBe(120);
    expect(await count(`SELECT count(*) AS n FROM ${schemas.kit}.idempotency`)).toBe(60);
    expect(await count(`SELECT sum(n) AS n FROM ${schemas.kit}.velocity_counts`)).toBe(60);
    expect(await count(`SELECT count(*) AS n FROM ${schemas.kit}.ledger`)).toBe(180);
    // Each chain's rows are numbered 1..head without gaps, and the rows have the shape's sizes.
    const chains = await db.query<{ chain: number; rows: string; top: string; head: string }>(
      `SELECT l.chain, count(*) AS rows, max(l.seq) AS top, h.seq AS head FROM ${schemas.kit}.ledger l JOIN ${schemas.kit}.ledger_head h ON h.id = l.chain GROUP BY l.chain, h.seq`,
    );
    for (const c of chains) expect([c.rows, c.top]).toEqual([c.head, c.head]);
    const sizes = await db.query<{ kind: string; body: number; signature: number }>(`SELECT DISTINCT kind, length(body) AS body, length(signature) AS signature FROM ${schemas.kit}.ledger ORDER BY body`);
    expect(sizes).toEqual([{ kind: 'result', body: 495, signature: 88 }, { kind: 'intent', body: 536, signature: 0 }, { kind: 'decision', body: 561, signature: 0 }]);
  });
});
