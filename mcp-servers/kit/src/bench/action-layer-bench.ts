import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createActionRuntime } from '../action-runtime.ts';
import { openPostgresDatabase } from '../db/postgres-database.ts';
import { migrate } from '../db/migrate.ts';
import { kitMigrations } from '../kit-migrations.ts';
import { createLedger } from '../ledger/ledger.ts';
import { generateSigner, verifySignature } from '../ledger/ledger-keys.ts';
import { verifyLedger } from '../ledger/verify-ledger.ts';
import { parsePolicy } from '../policy/load-policy.ts';
import type { Principal } from '../principal.ts';
import { issueRefund, migrateRefunds, refundsBackend } from '../testing/refunds-system.ts';
import { dropPrefixedSchemas, uniquePrefix } from '../testing/test-database.ts';
import { measure, type Measurement } from './measure.ts';
import { createLogger } from '../telemetry/logger.ts';

/**
 * The action layer's cost on PostgreSQL: the same refund (read the wallet, insert the refund, credit the wallet)
 * as a bare transaction and through the whole layer (rate limit, scope, idempotency claim, assess, customer scope,
 * policy with a ledger-counted velocity rule, handler, idempotency result, three signed ledger entries, metrics,
 * span). Then `ledger verify` speed on a chain of --entries entries.
 */
const { values } = parseArgs({ options: { ops: { type: 'string' }, concurrency: { type: 'string' }, entries: { type: 'string' } } });
const ops = Number(values.ops ?? 2000);
const concurrency = Number(values.concurrency ?? 8);
const ledgerEntries = Number(values.entries ?? 100_000);
const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!url) {
  process.stderr.write('action-layer bench needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)\n');
  process.exit(2);
}

const db = await openPostgresDatabase(url, { max: concurrency + 2 });
const prefix = uniquePrefix();
const schema = `${prefix}_refunds`;
const customers = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`c${i}`, 0]));
const policy = parsePolicy(`
version: bench
default_rule: { autonomy: auto }
actions:
  order.return: { autonomy: auto, statuses: [delivered], approve_above: 100000, velocity: { max: 1000000, days: 30, over: deny } }
`, 'bench policy', { docsDir: '/nonexistent' });
const service: Principal = { kind: 'service', id: 'svc:bench', scopes: ['*'] };

const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} on ${cpus().length} cores`;
const loadAtStart = load();
try {
  await migrateRefunds(db, schema, customers);
  const backend = refundsBackend(schema);
  // Logs at warn: the bare floor logs nothing either. Spans are no-ops unless OTLP is configured.
  const runtime = createActionRuntime({ db, schema: `${prefix}_kit`, policy, signer: generateSigner(), logger: createLogger({ level: 'warn' }) });
  await runtime.ready();
  const args = (i: number) => ({ customer_id: `c${i % 500}`, order_id: `#B${i}`, amount: 1.25 });
  const bare = (i: number) =>
    db.transaction(async (tx) => {
      const b = backend(tx);
      const { customer_id, order_id, amount } = args(i);
      if ((await b.balance(customer_id)) === undefined) throw new Error('missing customer');
      return b.refund(customer_id, order_id, amount);
    });
  let round = 0;
  const layered = (i: number) => runtime.invoke({ system: 'refunds', tool: issueRefund, input: args(i), principal: service, idempotencyKey: `bench-${round}-${i}` }, backend);
  const rows: Record<string, string | number>[] = [];
  const row = (mode: string, c: number, m: Measurement) =>
    rows.push({ mode, concurrency: c, ops: m.ops, 'ops/s': Math.round(m.opsPerSecond), 'p50 ms': +m.p50.toFixed(2), 'p99 ms': +m.p99.toFixed(2) });
  for (const c of [1, concurrency]) {
    round += 1;
    await measure(100, c, bare); // warm-up: connections, plans
    await measure(100, c, (i) => layered(i + 1_000_000));
    const floor = await measure(ops, c, bare);
    const layer = await measure(ops, c, layered);
    row('bare transaction', c, floor);
    row('action layer', c, layer);
    rows.push({ mode: 'ratio (layer / bare)', concurrency: c, ops: '', 'ops/s': +(floor.opsPerSecond / layer.opsPerSecond).toFixed(2), 'p50 ms': +(layer.p50 / floor.p50).toFixed(2), 'p99 ms': +(layer.p99 / floor.p99).toFixed(2) });
  }
  process.stdout.write(`\naction layer vs bare transaction on PostgreSQL (${ops} refunds per run; ratios: layer cost, aim < 2x)\n`);
  process.stdout.write(`machine: ${loadAtStart} at the start, ${load()} now (others' load skews the ratios)\n`);
  console.table(rows);

  // A chain of N entries, appended in signed batches as the runtime does, then verified from the start.
  const ledgerSchema = `${prefix}_verify`;
  await migrate(db, ledgerSchema, kitMigrations);
  const ledger = createLedger(ledgerSchema, generateSigner());
  const started = performance.now();
  for (let done = 0; done < ledgerEntries; done += 1000) {
    const batch = Array.from({ length: Math.min(1000, ledgerEntries - done) }, (_, j) => ({
      kind: 'result' as const, callId: `call-${done + j}`, system: 'refunds', tool: 'issue_refund', action: 'order.return',
      principal: { kind: 'service', id: 'svc:bench' }, customerId: `c${(done + j) % 500}`, orderId: `#B${done + j}`,
      data: { output: { refund_id: done + j, amount: 1.25 }, evidence: [], durationMs: 1.5 },
    }));
    await db.transaction((tx) => ledger.append(tx, batch, new Date()));
  }
  const appendSeconds = (performance.now() - started) / 1000;
  const verified = await verifyLedger(db, ledgerSchema, ledger.signer.publicKeys);
  if (!verified.ok) throw new Error(`bench ledger failed verification: ${verified.firstProblem?.message}`);
  // The floor: raw Ed25519 verifications per second in this process right now (verify cannot beat it).
  const probe = generateSigner();
  const signature = probe.sign('ab'.repeat(32));
  const floor = await measure(5000, 1, async () => verifySignature(probe.publicKeys, probe.keyId, 'ab'.repeat(32), signature));
  process.stdout.write(`\nledger verify on PostgreSQL (floor: raw Ed25519 verify, ${Math.round(floor.opsPerSecond)}/s here)\n`);
  console.table([
    { step: 'append (batches of 1000, signed)', entries: ledgerEntries, seconds: +appendSeconds.toFixed(2), 'entries/s': Math.round(ledgerEntries / appendSeconds) },
    { step: 'verify (hash chain + Ed25519)', entries: verified.entries, seconds: +(verified.durationMs / 1000).toFixed(2), 'entries/s': Math.round(verified.entries / (verified.durationMs / 1000)) },
    { step: 'verify / raw Ed25519 floor', entries: '', seconds: '', 'entries/s': +(verified.entries / (verified.durationMs / 1000) / floor.opsPerSecond).toFixed(2) },
  ]);
} finally {
  await dropPrefixedSchemas(db, prefix);
  await db.close();
}
