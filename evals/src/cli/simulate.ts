/**
 * pnpm simulate --orders 100000 --contacts 20000 [--customers N] [--products N] [--seed 42] [--workers 1]
 *               [--concurrency 4] [--in-process] [--human-cost 6.5] [--out reports/simulate]
 * Generates a world (order books, inventory, shipments), a day of customer contacts and courier exceptions, runs
 * them as BullMQ jobs (REDIS_URL) through graph workers, and reports the operations KPIs against a no-agent baseline.
 * The agent runs on the embedded planner unless MODEL_PROVIDER names a live model; a live model's reported tokens,
 * priced (MODEL_PRICE_*_PER_MTOK or a published price), are each contact's agent cost instead of the per-turn estimate.
 * With DATABASE_URL (PostgreSQL) and the embedded planner each of the --workers is its own process (one core each);
 * on the embedded PGlite, which one process owns, or with a live model (whose tokens this process meters), the
 * workers share this process (as they do with --in-process).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '@agentic-commerce/kit';
import { dropPrefixedSchemas } from '@agentic-commerce/kit/testing/test-database';
import { createChatModel, describeModel } from '@agentic-commerce/graph/models/create-chat-model';
import { modelConfigFromEnv, type ModelConfig } from '@agentic-commerce/graph/models/model-config';
import { costOf, modelPriceFromEnv, type ModelPrice } from '@agentic-commerce/graph/models/model-price';
import { UsageMeter } from '@agentic-commerce/graph/models/usage-meter';
import { createDeterministicPlanner } from '@agentic-commerce/graph/planner/index';
import { createReferenceWorld } from '@agentic-commerce/world';
import { generateContacts } from '../simulate/contact-mix.ts';
import { agentKpis, DEFAULT_COST_MODEL, humanBaselineKpis, uplift } from '../simulate/kpis.ts';
import { kpiTable, targetTable } from '../simulate/kpi-tables.ts';
import { runSimulation } from '../simulate/run-simulation.ts';
import { readSimWorld } from '../simulate/sim-world.ts';
import { simulationStack } from '../simulate/simulation-stack.ts';
import { progressLine } from './progress-line.ts';
import { commandArgs } from '@agentic-commerce/kit/cli/command-args';

const USAGE = 'usage: pnpm simulate --orders N --contacts N [--customers N] [--products N] [--seed N] [--workers N] [--concurrency N] [--in-process] [--human-cost USD] [--out dir]';

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

function redisConnection(raw: string | undefined) {
  const url = new URL(raw ?? 'redis://127.0.0.1:6379');
  if (!/^rediss?:$/.test(url.protocol)) throw new Error(`REDIS_URL must be a redis:// URL, got "${raw}"`);
  return { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0) };
}

async function main(): Promise<number> {
  process.env.LOG_LEVEL ??= 'warn';
  let args;
  let config: ModelConfig;
  let price: ModelPrice | undefined;
  try {
    config = modelConfigFromEnv();
    price = modelPriceFromEnv(config);
    const { values } = parseArgs({
      args: commandArgs(),
      options: {
        orders: { type: 'string' }, contacts: { type: 'string' }, customers: { type: 'string' }, products: { type: 'string' },
        seed: { type: 'string' }, workers: { type: 'string' }, concurrency: { type: 'string' }, 'in-process': { type: 'boolean' },
        'human-cost': { type: 'string' }, out: { type: 'string' },
      },
      strict: true,
    });
    const orders = int('orders', values.orders, 2000, 1, 1_000_000);
    const humanCost = values['human-cost'] === undefined ? DEFAULT_COST_MODEL.humanCostPerContact : Number(values['human-cost']);
    if (!Number.isFinite(humanCost) || humanCost < 0) throw new Error(`--human-cost must be a non-negative number, got "${values['human-cost']}"`);
    args = {
      orders,
      contacts: int('contacts', values.contacts, 200, 1, 1_000_000),
      customers: int('customers', values.customers, Math.max(1, Math.round(orders / 5)), 1, 5_000_000),
      products: int('products', values.products, 200, 1, 100_000),
      seed: int('seed', values.seed, 42, 0, 2 ** 32 - 1),
      workers: int('workers', values.workers, 1, 1, 32),
      concurrency: int('concurrency', values.concurrency, 4, 1, 256),
      inProcess: values['in-process'] === true,
      humanCost,
      out: values.out ?? resolve('reports', 'simulate'),
    };
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const redis = redisConnection(process.env.REDIS_URL);
  const databaseUrl = process.env.DATABASE_URL;
  // Worker processes run the embedded planner; a live model's tokens are metered here, so it keeps them in process.
  const processes = databaseUrl !== undefined && !args.inProcess && config.provider === 'embedded';
  if (databaseUrl && !args.inProcess && !processes && args.workers > 1) {
    console.error(`MODEL_PROVIDER=${config.provider}: the ${args.workers} workers run in this process, which meters the model's tokens.`);
  }
  if (!databaseUrl && args.workers > 1) {
    console.error(`DATABASE_URL is not set: the world lives in the embedded PGlite, which one process owns, so the ${args.workers} workers run in this process and share one core. Set DATABASE_URL=postgres://... to run them as ${args.workers} processes.`);
  }
  const asOf = new Date(Date.UTC(2026, 5, 1, 12));
  const db = await openDatabase();
  const prefix = `sim_${args.seed}_${Date.now().toString(36)}`;
  try {
    const load = progressLine('generate + load world', args.orders);
    const started = performance.now();
    const world = await createReferenceWorld({
      db, prefix, asOf, runtime: { now: () => asOf },
      source: { kind: 'synthetic', seed: args.seed, orders: args.orders, customers: args.customers, products: args.products, warehouses: 4, days: 90 },
      load: { onProgress: (p) => load.update(p.ordersLoaded, p.phase) },
    });
    load.update(args.orders);
    const loadSeconds = (performance.now() - started) / 1000;
    const contactsStarted = performance.now();
    const contacts = generateContacts(await readSimWorld(db, world.schemas, asOf), args.contacts, args.seed);
    const contactSeconds = (performance.now() - contactsStarted) / 1000;
    console.error(`world loaded in ${loadSeconds.toFixed(1)} s; ${contacts.length} contacts drawn in ${contactSeconds.toFixed(1)} s; starting ${args.workers} worker ${processes ? 'process(es)' : 'instance(s) in this process'} × ${args.concurrency}`);
    const meter = new UsageMeter();
    const model = config.provider === 'embedded' ? createDeterministicPlanner({ now: () => asOf }) : await createChatModel(config);
    const stack = processes ? undefined : await simulationStack(db, world, model, asOf, undefined, [meter]);
    const measured = config.provider !== 'embedded' && price !== undefined ? price : undefined;
    let progress = progressLine('contacts', contacts.length);
    const startStarted = performance.now();
    let runStarted = startStarted;
    const trafficStarts = () => {
      runStarted = performance.now();
      progress = progressLine('contacts', contacts.length); // the rate and ETA count from here
    };
    // Ctrl-C (or SIGTERM) once: no new contact starts, those in flight finish, and the report covers the contacts done.
    const stop = new AbortController();
    let stoppedAt = 0;
    const onStop = () => {
      // A wrapper (tsx, pnpm) relays the terminal's signal a moment after the process group got it: not a second press.
      if (stop.signal.aborted) {
        if (performance.now() - stoppedAt > 2000) process.exit(130);
        return;
      }
      stoppedAt = performance.now();
      console.error('\nstopping: finishing the contacts in flight, then reporting on the contacts done (again to quit at once)');
      stop.abort();
    };
    process.on('SIGINT', onStop);
    process.on('SIGTERM', onStop);
    const outcomes = await runSimulation({
      signal: stop.signal,
      ledger: world.runtime.ledger, db, contacts, redis,
      ...(stack ? { service: stack.service } : { processes: { databaseUrl: databaseUrl!, prefix, asOf, onStarted: trafficStarts } }),
      workers: args.workers, concurrency: args.concurrency, inFlight: args.workers * args.concurrency * 2, runId: prefix,
      measuredCost: measured ? (conversationId) => costOf(meter.ofConversation(conversationId), measured) : undefined,
      onProgress: (done) => progress.update(done),
    });
    const runSeconds = (performance.now() - runStarted) / 1000;
    const partial = outcomes.length < contacts.length;
    const done = outcomes.map((o) => o.contact);
    const workerStartSeconds = (runStarted - startStarted) / 1000;
    await stack?.close();
    const cost = { ...DEFAULT_COST_MODEL, humanCostPerContact: args.humanCost };
    const agent = agentKpis(outcomes, cost);
    const baseline = humanBaselineKpis(done, cost);
    const targets = uplift(outcomes, cost);
    const workerMode = processes ? 'processes' : 'in-process';
    const tokens = meter.total();
    const usage = { model: describeModel(config), ...tokens, costUsd: price ? costOf(tokens, price) : null, pricing: price ?? null, agentCost: measured ? 'measured' : 'estimated per turn' };
    const report = { args, database: databaseUrl ? 'postgresql' : 'pglite', workerMode, loadSeconds, contactSeconds, workerStartSeconds, runSeconds, contactsDone: outcomes.length, contactsPerSecond: outcomes.length / runSeconds, agent, baseline, targets, usage };
    await mkdir(args.out, { recursive: true });
    await writeFile(join(args.out, 'simulation.json'), JSON.stringify(report, null, 2));
    console.log(`\n## simulated day: ${args.orders} orders, ${args.customers} customers, ${contacts.length} contacts (seed ${args.seed}, ${report.database})\n`);
    if (partial) console.log(`**Stopped early: ${outcomes.length} of ${contacts.length} contacts done; the KPIs below cover those.**\n`);
    console.log('| phase | wall |\n|---|---:|');
    console.log(`| generate + load world (streamed together) | ${loadSeconds.toFixed(1)} s |`);
    console.log(`| draw the day's contacts | ${contactSeconds.toFixed(1)} s |`);
    if (processes) console.log(`| start ${args.workers} worker process(es) (modules, knowledge index) | ${workerStartSeconds.toFixed(1)} s |`);
    console.log(`| traffic: ${args.workers} worker ${workerMode === 'processes' ? 'process(es)' : 'instance(s) in one process'} × ${args.concurrency} | ${runSeconds.toFixed(1)} s (${report.contactsPerSecond.toFixed(2)} contacts/s) |\n`);
    console.log(`agent model: ${usage.model} · tokens in/out ${tokens.inputTokens}/${tokens.outputTokens} over ${tokens.calls} call(s) · model cost ${usage.costUsd === null ? 'not configured (set MODEL_PRICE_INPUT_PER_MTOK and MODEL_PRICE_OUTPUT_PER_MTOK)' : `$${usage.costUsd.toFixed(4)}`} · agent cost per contact: ${usage.agentCost}\n`);
    console.log(kpiTable(agent, baseline));
    console.log(`\n${targetTable(targets)}`);
    console.log(`report: ${join(args.out, 'simulation.json')}`);
    return agent.policyViolations > 0 || agent.duplicatedSideEffects > 0 ? 1 : 0;
  } finally {
    await dropPrefixedSchemas(db, prefix);
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exit(1);
  },
);
