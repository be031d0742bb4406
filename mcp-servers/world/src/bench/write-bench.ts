/**
 * The action layer's cost on a real write: OMS `return_delivered_order_items` on delivered orders of a synthetic
 * world in PostgreSQL, through the whole layer (assess, scope, the default policy with its cited evidence, handler,
 * idempotency key with its result, velocity count, signed ledger, metrics, span) against the same tool's handler in a
 * bare transaction (the same row changes, nothing else). The layer admits the return at commit, as the reference
 * backend allows; the same return admitted first (key and count before the handler: the path for a backend not declared
 * transactional) is measured beside it. Modes alternate in slices over distinct orders.
 *
 *   [DATABASE_URL=postgres://…] pnpm --filter @agentic-commerce/world bench:write [-- --orders 12000 --concurrency 8]
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildContext, customerAccess, memoryBindingStore, verifyLedger, type BackendFactory, type Principal } from '@agentic-commerce/kit';
import type { OmsBackend } from '@agentic-commerce/oms';
import { openBenchDatabase } from '@agentic-commerce/kit/bench/bench-database';
import { measure, measureInterleaved, measurementRow, ratioRow, type TableRow } from '@agentic-commerce/kit/bench/measure';
import { createLogger } from '@agentic-commerce/kit/telemetry/logger';
import { returnDeliveredOrderItems as tool } from '@agentic-commerce/oms/tools/return-delivered-order-items';
import { createReferenceWorld } from '../reference-world.ts';
import { worldSchemas } from '../world-schemas.ts';
import { commandArgs } from '@agentic-commerce/kit/cli/command-args';

const { values } = parseArgs({ args: commandArgs(), options: { orders: { type: 'string' }, concurrency: { type: 'string' }, rounds: { type: 'string' } } });
const orders = Number(values.orders ?? 12_000);
const concurrency = Number(values.concurrency ?? 8);
const rounds = Number(values.rounds ?? 8);
for (const [name, value] of [['--orders', orders], ['--concurrency', concurrency], ['--rounds', rounds]] as const) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number >= 1, got "${value}"`);
}
const db = await openBenchDatabase('write bench', { max: concurrency + 2 });
const prefix = `wb_${randomBytes(3).toString('hex')}`;
const service: Principal = { kind: 'service', id: 'svc:write-bench', scopes: ['oms:*'] };
const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} on ${cpus().length} cores`;
try {
  const started = performance.now();
  const world = await createReferenceWorld({
    db, prefix, source: { kind: 'synthetic', seed: 11, customers: Math.max(200, Math.round(orders / 4)), orders },
    runtime: { logger: createLogger({ level: 'warn' }) },
  });
  const loadedSeconds = (performance.now() - started) / 1000;
  const oms = world.backends.oms(db);
  const returnedCount = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${world.schemas.oms}.orders WHERE status = 'return requested'`))[0]!.n;
  const returnedBefore = await returnedCount();
  const ids = (await db.query<{ id: string }>(`SELECT id FROM ${world.schemas.oms}.orders WHERE status = 'delivered' ORDER BY id`)).map((r) => r.id);
  const byId = await oms.getOrders(ids);
  const inputs = ids.map((id) => {
    const order = byId.get(id)!;
    return { order_id: id, item_ids: [order.items[0]!.item_id], payment_method_id: order.payment_history[0]!.payment_method_id };
  });
  const perRun = Math.floor((inputs.length - 600) / 6); // two concurrency levels x three modes, after 2 x 3 x 100 warm-up calls
  if (perRun < 200) throw new Error(`only ${inputs.length} delivered orders: raise --orders`);
  let next = 0;
  const take = (n: number) => inputs.slice(next, (next += n));
  const bareCall = (input: (typeof inputs)[number]) =>
    world.runtime.db.transaction((tx) => {
      const call = { system: 'oms', tool, input, principal: service };
      return tool.handler(input, buildContext(call, tx, world.backends.oms, customerAccess(service, memoryBindingStore()), [], world.runtime.now));
    });
  const layerCall = (input: (typeof inputs)[number]) =>
    world.runtime.invoke({ system: 'oms', tool, input, principal: service, idempotencyKey: `wb-${input.order_id}` }, world.backends.oms);
  const undeclared: BackendFactory<OmsBackend> = (q) => world.backends.oms(q); // not declared transactional: admitted first
  const firstCall = (input: (typeof inputs)[number]) =>
    world.runtime.invoke({ system: 'oms', tool, input, principal: service, idempotencyKey: `wb-${input.order_id}` }, undeclared);

  const rows: TableRow[] = [];
  for (const c of [1, concurrency]) {
    const warmBare = take(100);
    const warmLayer = take(100);
    const warmFirst = take(100);
    await measure(100, c, (i) => bareCall(warmBare[i]!));
    await measure(100, c, (i) => layerCall(warmLayer[i]!));
    await measure(100, c, (i) => firstCall(warmFirst[i]!));
    const bareInputs = take(perRun);
    const layerInputs = take(perRun);
    const firstInputs = take(perRun);
    const { bare, layer, first } = await measureInterleaved(perRun, c, rounds, {
      bare: (i) => bareCall(bareInputs[i]!), layer: (i) => layerCall(layerInputs[i]!), first: (i) => firstCall(firstInputs[i]!),
    });
    rows.push(measurementRow('bare transaction', c, bare), measurementRow('action layer', c, layer), measurementRow('action layer, admitted first', c, first));
    rows.push(ratioRow('ratio (layer / bare)', c, layer, bare), ratioRow('ratio (admitted first / bare)', c, first, bare));
  }
  // Every call returned an order: check that the world agrees, and that the ledger verifies.
  const returned = (await returnedCount()) - returnedBefore;
  const verified = await verifyLedger(db, world.schemas.kit, world.runtime.ledger.signer.publicKeys);
  if (returned !== next) throw new Error(`expected ${next} more returned orders, found ${returned}`);
  if (!verified.ok) throw new Error(`ledger failed verification: ${verified.firstProblem?.message}`);
  process.stdout.write(`\naction layer vs bare transaction on a real write: OMS return_delivered_order_items on PostgreSQL\n`);
  process.stdout.write(`world: ${orders} synthetic orders loaded in ${loadedSeconds.toFixed(1)} s, ${inputs.length} delivered; ${perRun} returns per mode and concurrency in ${rounds} alternating slices; ${load()}\n`);
  console.table(rows);
  process.stdout.write(`checked: ${returned} more orders "return requested" (one per call); ledger verifies (${verified.entries} entries)\n`);
} finally {
  for (const schema of [...Object.values(worldSchemas(prefix)), `${prefix}_kit`]) await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.close();
}
