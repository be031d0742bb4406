import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createActionRuntime, type KitRuntime } from '../action-runtime.ts';
import type { Database } from '../db/database.ts';
import { countingRoundTrips } from './round-trips.ts';
import { benchDatabaseUrl, openBenchDatabase } from './bench-database.ts';
import { forkDelayProxy } from './delay-proxy.ts';
import { openPostgresDatabase } from '../db/postgres-database.ts';
import { migrate } from '../db/migrate.ts';
import { kitMigrations } from '../kit-migrations.ts';
import { createLedger } from '../ledger/ledger.ts';
import { generateSigner, verifySignature } from '../ledger/ledger-keys.ts';
import { verifyLedger } from '../ledger/verify-ledger.ts';
import type { Principal } from '../principal.ts';
import { benchPolicy, issueRefund, migrateRefunds, refundsBackend } from '../testing/refunds-system.ts';
import { transactionalBackend } from '../tool.ts';
import { dropPrefixedSchemas, uniquePrefix } from '../testing/test-database.ts';
import { measure, measureInterleaved, measurementRow, ratioRow, type TableRow } from './measure.ts';
import { createLogger } from '../telemetry/logger.ts';
import { commandArgs } from '../cli/command-args.ts';

/**
 * The action layer's cost on PostgreSQL: the same refund (read the wallet, insert the refund, credit the wallet)
 * as a bare transaction and through the whole layer (rate limit, scope, assess, customer scope, policy with a velocity
 * rule, handler, idempotency key with its result, velocity count, three ledger entries signed once, metrics, span) —
 * admitted at commit, as the reference backends are, and admitted first (key and count before the handler) — with
 * the CPU each costs per write in this process and in PostgreSQL (when its processes are visible here); the round
 * trips each makes; the same comparison across a network (--network-delay-ms each way, 0 to skip). Then `ledger
 * verify` speed on --entries entries appended as calls append them (three per append).
 */
const { values } = parseArgs({
  args: commandArgs(),
  options: { ops: { type: 'string' }, concurrency: { type: 'string' }, entries: { type: 'string' }, rounds: { type: 'string' }, 'network-delay-ms': { type: 'string' }, 'network-ops': { type: 'string' } },
});
const ops = Number(values.ops ?? 4000);
const rounds = Number(values.rounds ?? 8);
const concurrency = Number(values.concurrency ?? 8);
const ledgerEntries = Number(values.entries ?? 100_000);
const networkDelayMs = Number(values['network-delay-ms'] ?? 1);
const networkOps = Number(values['network-ops'] ?? 600);
if (!Number.isInteger(networkDelayMs) || networkDelayMs < 0) throw new Error(`--network-delay-ms must be a whole number (0: skip that part), got "${values['network-delay-ms']}"`);
const db = await openBenchDatabase('action-layer bench', { max: concurrency + 2 });
const prefix = uniquePrefix();
const schema = `${prefix}_refunds`;
const customers = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`c${i}`, 0]));
const policy = benchPolicy();
const service: Principal = { kind: 'service', id: 'svc:bench', scopes: ['*'] };

const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} on ${cpus().length} cores`;
const loadAtStart = load();
try {
  await migrateRefunds(db, schema, customers);
  const backend = refundsBackend(schema);
  // The reference configuration: the refund's effects are all in its transaction, so it is admitted at commit; the
  // same refund admitted first (idempotency key and velocity count before the handler) is measured beside it.
  const transactional = transactionalBackend(backend);
  // Logs at warn: the bare floor logs nothing either. Spans are no-ops unless OTLP is configured.
  const runtime = createActionRuntime({ db, schema: `${prefix}_kit`, policy, signer: generateSigner(), logger: createLogger({ level: 'warn' }) });
  await runtime.ready();
  const args = (i: number) => ({ customer_id: `c${i % 500}`, order_id: `#B${i}`, amount: 1.25 });
  const bareOn = (on: Database) => (i: number) =>
    on.transaction(async (tx) => {
      const b = backend(tx);
      const { customer_id, order_id, amount } = args(i);
      if ((await b.balance(customer_id)) === undefined) throw new Error('missing customer');
      return b.refund(customer_id, order_id, amount);
    });
  const bare = bareOn(db);
  let round = 0;
  const layeredOn = (r: KitRuntime, prefix: string, b: typeof backend) => (i: number) =>
    r.invoke({ system: 'refunds', tool: issueRefund, input: args(i), principal: service, idempotencyKey: `${prefix}-${round}-${i}` }, b);
  const layered = layeredOn(runtime, 'bench', transactional);
  const admittedFirst = layeredOn(runtime, 'bench-first', backend);

  // Round trips per write, counted on a second runtime (its own process, as it were) over the same schemas.
  const counting = countingRoundTrips(db);
  const countingRuntime = createActionRuntime({ db: counting.db, schema: `${prefix}_kit`, policy, signer: runtime.ledger.signer, logger: createLogger({ level: 'warn' }) });
  const roundTrips = async (op: (i: number) => Promise<unknown>, from: number) => {
    for (let i = 0; i < 20; i++) await op(from + i); // a first append locks its chain head; later ones guess it
    const before = counting.count();
    for (let i = 20; i < 220; i++) await op(from + i);
    return +((counting.count() - before) / 200).toFixed(2);
  };
  const trips = {
    'bare transaction': await roundTrips(bareOn(counting.db), 2_000_000),
    'action layer': await roundTrips(layeredOn(countingRuntime, 'trips', transactional), 2_000_000),
    'action layer, admitted first': await roundTrips(layeredOn(countingRuntime, 'trips-first', backend), 2_000_000),
  };
  /** The three modes at 1 and `concurrency` clients, `count` writes each in `slices` alternating slices. */
  const compare = async (modes: { floor: (i: number) => Promise<unknown>; layer: (i: number) => Promise<unknown>; first: (i: number) => Promise<unknown> }, count: number, slices: number) => {
    const rows: TableRow[] = [];
    for (const c of [1, concurrency]) {
      round += 1;
      for (const op of Object.values(modes)) await measure(Math.min(100, count), c, (i) => op(i + 1_000_000)); // warm-up: connections, prepared statements
      const { floor, layer, first } = await measureInterleaved(count, c, slices, modes);
      rows.push(measurementRow('bare transaction', c, floor), measurementRow('action layer', c, layer), measurementRow('action layer, admitted first', c, first));
      rows.push(ratioRow('ratio (layer / bare)', c, layer, floor), ratioRow('ratio (admitted first / bare)', c, first, floor));
    }
    return rows;
  };
  const rows = await compare({ floor: bare, layer: layered, first: admittedFirst }, ops, rounds);
  process.stdout.write(`\naction layer vs bare transaction on PostgreSQL (${ops} refunds each, in ${rounds} alternating slices; ratios: layer cost, aim < 2x)\n`);
  process.stdout.write(`machine: ${loadAtStart} at the start, ${load()} now (others' load skews the ratios)\n`);
  console.table(rows);
  process.stdout.write('\nround trips to PostgreSQL per write (counted, not timed: the part of the cost that does not drift)\n');
  console.table(Object.entries(trips).map(([mode, n]) => ({ mode, 'round trips': n })));

  if (networkDelayMs > 0) {
    // The same comparison with the database "on another host": every packet held --network-delay-ms each way by a
    // proxy process (delay-proxy.ts), so each round trip costs what a network's does.
    const proxy = await forkDelayProxy(benchDatabaseUrl(), networkDelayMs);
    const far = await openPostgresDatabase(proxy.url, { max: concurrency + 2 });
    try {
      const farRuntime = createActionRuntime({ db: far, schema: `${prefix}_kit`, policy, signer: runtime.ledger.signer, logger: createLogger({ level: 'warn' }) });
      const ping = await measure(100, 1, () => far.query('SELECT 1'));
      const farRows = await compare({ floor: bareOn(far), layer: layeredOn(farRuntime, 'far', transactional), first: layeredOn(farRuntime, 'far-first', backend) }, networkOps, 4);
      process.stdout.write(`\nthe same across a network: a round trip to PostgreSQL takes ${ping.p50.toFixed(2)} ms (p50; a proxy process holds each packet ${networkDelayMs} ms each way) — ${networkOps} refunds each, in 4 alternating slices\n`);
      console.table(farRows);
    } finally {
      await far.close();
      proxy.stop();
    }
  }

  // N entries appended as calls append them: three per append (intent, decision, result; the last one signed),
  // 300 appends per transaction. Then verified from the start.
  const ledgerSchema = `${prefix}_verify`;
  await migrate(db, ledgerSchema, kitMigrations);
  const ledger = createLedger(ledgerSchema, generateSigner());
  const entry = (n: number, kind: 'intent' | 'decision' | 'result') => ({
    kind, callId: `call-${Math.floor(n / 3)}`, system: 'refunds', tool: 'issue_refund', action: 'order.return',
    principal: { kind: 'service', id: 'svc:bench' }, customerId: `c${n % 500}`, orderId: `#B${Math.floor(n / 3)}`,
    data: { output: { refund_id: n, amount: 1.25 }, evidence: [], durationMs: 1.5 },
  });
  const started = performance.now();
  for (let done = 0; done < ledgerEntries; ) {
    await db.transaction(async (tx) => {
      for (let a = 0; a < 300 && done < ledgerEntries; a += 1) {
        const batch = (['intent', 'decision', 'result'] as const).slice(0, Math.min(3, ledgerEntries - done)).map((kind, j) => entry(done + j, kind));
        await ledger.append(tx, batch, new Date());
        done += batch.length;
      }
    });
  }
  const appendSeconds = (performance.now() - started) / 1000;
  const verified = await verifyLedger(db, ledgerSchema, ledger.signer.publicKeys);
  if (!verified.ok) throw new Error(`bench ledger failed verification: ${verified.firstProblem?.message}`);
  // The floor: raw Ed25519 verifications per second in this process right now (verify cannot beat it).
  const probe = generateSigner();
  const signature = probe.sign('ab'.repeat(32));
  const floor = await measure(5000, 1, async () => verifySignature(probe.publicKeys, probe.keyId, 'ab'.repeat(32), signature));
  process.stdout.write(`\nledger verify on PostgreSQL (raw Ed25519 verify: ${Math.round(floor.opsPerSecond)}/s here; verify checks one signature per append and every hash and link)\n`);
  console.table([
    { step: 'append (3 entries per append, one signature)', entries: ledgerEntries, seconds: +appendSeconds.toFixed(2), 'entries/s': Math.round(ledgerEntries / appendSeconds) },
    { step: 'verify (hash chain + Ed25519)', entries: verified.entries, seconds: +(verified.durationMs / 1000).toFixed(2), 'entries/s': Math.round(verified.entries / (verified.durationMs / 1000)) },
    { step: 'verify entries/s / raw Ed25519 verifies/s', entries: '', seconds: '', 'entries/s': +(verified.entries / (verified.durationMs / 1000) / floor.opsPerSecond).toFixed(2) },
  ]);
} finally {
  await dropPrefixedSchemas(db, prefix);
  await db.close();
}
