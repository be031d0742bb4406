/**
 * pnpm simulate --orders 100000 --contacts 20000 [--customers N] [--products N] [--seed 42] [--workers 1]
 *               [--concurrency 4] [--human-cost 6.5] [--out reports/simulate]
 * Generates a world (order books, inventory, shipments), a day of customer contacts and courier exceptions, runs
 * them as BullMQ jobs (REDIS_URL) through graph workers, and reports the operations KPIs against a no-agent baseline.
 * The agent runs on the embedded planner unless MODEL_PROVIDER names a live model; a live model's reported tokens,
 * priced (MODEL_PRICE_*_PER_MTOK or a published price), are each contact's agent cost instead of the per-turn estimate.
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
import { agentKpis, DEFAULT_COST_MODEL, humanBaselineKpis, uplift, type Kpis } from '../simulate/kpis.ts';
import { runSimulation } from '../simulate/run-simulation.ts';
import { readSimWorld } from '../simulate/sim-world.ts';
import { simulationStack } from '../simulate/simulation-stack.ts';
import { progressLine } from './progress-line.ts';

const USAGE = 'usage: pnpm simulate --orders N --contacts N [--customers N] [--products N] [--seed N] [--workers N] [--concurrency N] [--human-cost USD] [--out dir]';

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

function redisConnection(raw: string | undefined) {
  const url = new URL(raw ?? 'redis://127.0.0.1:6379');
  if (!/^rediss?:$/.test(url.protocol)) throw new Error(`REDIS_URL must be a redis:// URL, got "${raw}"`);
  return { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0), maxRetriesPerRequest: null };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function kpiTable(agent: Kpis, baseline: Kpis): string {
  const rows: [string, (k: Kpis) => string][] = [
    ['contacts', (k) => String(k.contacts)],
    ['resolved without a human', (k) => pct(k.resolvedWithoutHuman)],
    ['escalation rate', (k) => pct(k.escalationRate)],
    ['low-risk returns automated', (k) => pct(k.lowRiskReturnAutomation)],
    ['failed deliveries recovered', (k) => `${pct(k.failedDeliveriesRecovered)} of ${k.failedDeliveries}`],
    ['mean minutes to resolution', (k) => k.meanMinutesToResolution.toFixed(2)],
    ['cost per contact (USD)', (k) => k.costPerResolvedContact.toFixed(3)],
    ['total cost (USD)', (k) => k.totalCost.toFixed(2)],
    ['approvals requested', (k) => String(k.approvalsRequested)],
    ['policy violations (must be 0)', (k) => String(k.policyViolations)],
    ['duplicated side effects (must be 0)', (k) => String(k.duplicatedSideEffects)],
  ];
  return ['| KPI | agent | no agent (all human) |', '|---|---:|---:|', ...rows.map(([name, f]) => `| ${name} | ${f(agent)} | ${f(baseline)} |`)].join('\n');
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
      args: process.argv.slice(2),
      options: {
        orders: { type: 'string' }, contacts: { type: 'string' }, customers: { type: 'string' }, products: { type: 'string' },
        seed: { type: 'string' }, workers: { type: 'string' }, concurrency: { type: 'string' }, 'human-cost': { type: 'string' }, out: { type: 'string' },
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
      humanCost,
      out: values.out ?? resolve('reports', 'simulate'),
    };
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const connection = redisConnection(process.env.REDIS_URL);
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
    const contacts = generateContacts(await readSimWorld(db, world.schemas), args.contacts, args.seed);
    const meter = new UsageMeter();
    const model = config.provider === 'embedded' ? createDeterministicPlanner({ now: () => asOf }) : await createChatModel(config);
    const stack = await simulationStack(db, world, model, asOf, [meter]);
    const measured = config.provider !== 'embedded' && price !== undefined ? price : undefined;
    const progress = progressLine('contacts', contacts.length);
    const runStarted = performance.now();
    const outcomes = await runSimulation({
      service: stack.service, ledger: world.runtime.ledger, db, contacts, connection,
      workers: args.workers, concurrency: args.concurrency, inFlight: args.workers * args.concurrency * 2, runId: prefix,
      measuredCost: measured ? (conversationId) => costOf(meter.ofConversation(conversationId), measured) : undefined,
      onProgress: (done) => progress.update(done),
    });
    const runSeconds = (performance.now() - runStarted) / 1000;
    await stack.close();
    const cost = { ...DEFAULT_COST_MODEL, humanCostPerContact: args.humanCost };
    const agent = agentKpis(outcomes, cost);
    const baseline = humanBaselineKpis(contacts, cost);
    const targets = uplift(outcomes, cost);
    const tokens = meter.total();
    const usage = { model: describeModel(config), ...tokens, costUsd: price ? costOf(tokens, price) : null, pricing: price ?? null, agentCost: measured ? 'measured' : 'estimated per turn' };
    const report = { args, loadSeconds, runSeconds, contactsPerSecond: contacts.length / runSeconds, agent, baseline, targets, usage };
    await mkdir(args.out, { recursive: true });
    await writeFile(join(args.out, 'simulation.json'), JSON.stringify(report, null, 2));
    console.log(`\nworld: ${args.orders} orders, ${args.customers} customers loaded in ${loadSeconds.toFixed(1)} s; ${contacts.length} contacts in ${runSeconds.toFixed(1)} s (${report.contactsPerSecond.toFixed(2)} contacts/s, ${args.workers} worker(s) × ${args.concurrency})\n`);
    console.log(`agent model: ${usage.model} · tokens in/out ${tokens.inputTokens}/${tokens.outputTokens} over ${tokens.calls} call(s) · model cost ${usage.costUsd === null ? 'not configured (set MODEL_PRICE_INPUT_PER_MTOK and MODEL_PRICE_OUTPUT_PER_MTOK)' : `$${usage.costUsd.toFixed(4)}`} · agent cost per contact: ${usage.agentCost}\n`);
    console.log(kpiTable(agent, baseline));
    console.log(`\ncase-study targets: returns handling cost ${pct(targets.returnsCostChange)} (target −30%), failed deliveries ${pct(targets.failedDeliveryChange)} (target −20%), low-risk returns automated ${pct(targets.lowRiskReturnAutomation)} (target 90%)`);
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
