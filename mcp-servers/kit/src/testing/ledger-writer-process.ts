/**
 * One of several server processes sharing a kit schema on PostgreSQL (the four MCP servers do by default): makes
 * WRITER_CALLS refunds through the action layer, WRITER_CONCURRENCY at a time, each with its own idempotency key, then
 * prints how many it made. Run by ledger-processes.int.test.ts; the ledger signing key comes from
 * COMMERCE_LEDGER_SIGNING_KEY, as in a deployment.
 */
import { createActionRuntime } from '../action-runtime.ts';
import { measure } from '../bench/measure.ts';
import { openPostgresDatabase } from '../db/postgres-database.ts';
import { loadLedgerSigner } from '../ledger/ledger-keys.ts';
import { createLogger } from '../telemetry/logger.ts';
import { issueRefund, refundsBackend, testPolicy } from './refunds-system.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const writer = env('WRITER_ID');
const calls = Number(env('WRITER_CALLS'));
const concurrency = Number(env('WRITER_CONCURRENCY'));
const db = await openPostgresDatabase(env('DATABASE_URL'), { max: concurrency + 1 });
try {
  const runtime = createActionRuntime({ db, schema: env('KIT_SCHEMA'), policy: testPolicy(), signer: loadLedgerSigner(), logger: createLogger({ level: 'warn' }) });
  await runtime.ready();
  const backend = refundsBackend(env('REFUNDS_SCHEMA'));
  const service = { kind: 'service' as const, id: `svc:${writer}`, scopes: ['*'] };
  // Spread over many customers so the velocity rule (3 per 30 days) never refuses.
  const m = await measure(calls, concurrency, (i) =>
    runtime.invoke({ system: 'refunds', tool: issueRefund, input: { customer_id: `${writer}-c${i}`, order_id: `#${writer}-${i}`, amount: 1 }, principal: service, idempotencyKey: `${writer}-${i}` }, backend),
  );
  process.stdout.write(`${JSON.stringify({ writer, calls: m.ops })}\n`);
} finally {
  await db.close();
}
