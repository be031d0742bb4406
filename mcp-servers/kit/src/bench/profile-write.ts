import { createActionRuntime } from '../action-runtime.ts';
import type { Database, Queryable } from '../db/database.ts';
import { openPostgresDatabase } from '../db/postgres-database.ts';
import { generateSigner } from '../ledger/ledger-keys.ts';
import { createLogger } from '../telemetry/logger.ts';
import { benchPolicy, issueRefund, migrateRefunds, refundsBackend } from '../testing/refunds-system.ts';
import { transactionalBackend } from '../tool.ts';
import { dropPrefixedSchemas, uniquePrefix } from '../testing/test-database.ts';

/**
 * Where one write's time goes: the bench's refund through the action layer at one client, every SQL statement
 * counted and timed (round trip included) by its first words; the rest of the call is time in this process.
 */
const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const ops = Number(process.argv[2] ?? 300);
const stats = new Map<string, { n: number; ms: number }>();
const note = (sql: string, ms: number) => {
  const key = sql.replace(/\s+/g, ' ').trim().replace(/[a-z0-9_]+_(kit|refunds)\./g, '').slice(0, 60);
  const s = stats.get(key) ?? { n: 0, ms: 0 };
  s.n += 1;
  s.ms += ms;
  stats.set(key, s);
};
const timed = (q: Queryable): Queryable => ({
  async query(sql, params) {
    const t = performance.now();
    try {
      return await q.query(sql, params);
    } finally {
      note(sql, performance.now() - t);
    }
  },
  exec: (sql) => q.exec(sql),
  ...(q.queryAndCommit && {
    async queryAndCommit<T>(sql: string, params?: readonly unknown[]) {
      const t = performance.now();
      try {
        return await q.queryAndCommit!<T>(sql, params);
      } finally {
        note(`${sql.replace(/\s+/g, ' ').trim().slice(0, 44)} + COMMIT`, performance.now() - t);
      }
    },
  }),
});
const raw = await openPostgresDatabase(url, { max: 3 });
const db: Database = {
  ...raw, ...timed(raw), kind: raw.kind, close: raw.close,
  async transaction(fn) {
    const t = performance.now();
    let [begun, body] = [0, 0];
    const result = await raw.transaction(async (tx) => {
      begun = performance.now();
      const r = await fn(timed(tx));
      body = performance.now();
      return r;
    });
    note('pool + BEGIN (before the body)', begun - t);
    note('COMMIT after the body (unless sent with its last statement)', performance.now() - body);
    return result;
  },
};
const prefix = uniquePrefix();
const schema = `${prefix}_refunds`;
const policy = benchPolicy();
try {
  await migrateRefunds(raw, schema, Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`c${i}`, 0])));
  const runtime = createActionRuntime({ db, schema: `${prefix}_kit`, policy, signer: generateSigner(), logger: createLogger({ level: 'warn' }) });
  await runtime.ready();
  const backend = transactionalBackend(refundsBackend(schema)); // as the reference backends are: admitted at commit
  const call = (i: number) => runtime.invoke({ system: 'refunds', tool: issueRefund, input: { customer_id: `c${i % 500}`, order_id: `#B${i}`, amount: 1.25 }, principal: { kind: 'service', id: 'svc:bench', scopes: ['*'] }, idempotencyKey: `p-${i}` }, backend);
  for (let i = 0; i < 50; i++) await call(1_000_000 + i);
  stats.clear();
  const t = performance.now();
  for (let i = 0; i < ops; i++) await call(i);
  const total = performance.now() - t;
  const rows = [...stats].map(([statement, s]) => ({ statement, 'per call': +(s.n / ops).toFixed(2), 'ms per call': +(s.ms / ops).toFixed(3) }));
  const sql = [...stats.values()].reduce((a, s) => a + s.ms, 0) / ops;
  console.table(rows);
  console.log(`per write: ${(total / ops).toFixed(3)} ms total, ${sql.toFixed(3)} ms in SQL round trips, ${(total / ops - sql).toFixed(3)} ms in this process`);
} finally {
  await dropPrefixedSchemas(raw, prefix);
  await raw.close();
}
