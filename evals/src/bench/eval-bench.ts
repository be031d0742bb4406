/**
 * Evals bench (part of `pnpm bench`): scenarios per second with the embedded planner, at 1 and 2 scenarios in
 * flight, and simulator contacts per second with 1 and 2 graph workers (REDIS_URL, default loopback): worker
 * processes on PostgreSQL (DATABASE_URL), BullMQ worker instances sharing this process on PGlite.
 * Sizes are small so the whole bench stays around a few minutes on 2 cores; numbers are measured, never fixed.
 */
import { openDatabase } from '@agentic-commerce/kit';
import { dropPrefixedSchemas } from '@agentic-commerce/kit/testing/test-database';
import { createDeterministicPlanner } from '@agentic-commerce/graph/planner/index';
import { createReferenceWorld } from '@agentic-commerce/world';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVAL_CLOCK } from '../eval-clock.ts';
import { diffPaths } from '../grading/state-path.ts';
import { createScenarioHarness } from '../harness/scenario-harness.ts';
import { runScenarios } from '../runner/run-scenarios.ts';
import { loadScenarios } from '../scenario/load-scenarios.ts';
import { generateContacts } from '../simulate/contact-mix.ts';
import { runSimulation } from '../simulate/run-simulation.ts';
import { readSimWorld } from '../simulate/sim-world.ts';
import { simulationStack } from '../simulate/simulation-stack.ts';

process.env.LOG_LEVEL ??= 'warn';
const SCENARIOS = Number(process.env.BENCH_SCENARIOS ?? 16);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 24);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const db = await openDatabase();
const all = await loadScenarios(join(root, 'scenarios'), 'all');
// A fixed, spread-out sample: every k-th scenario across the suites.
const sample = all.filter((_, i) => i % Math.max(1, Math.floor(all.length / SCENARIOS)) === 0).slice(0, SCENARIOS);
const harness = await createScenarioHarness({ db, model: async () => createDeterministicPlanner({ now: () => EVAL_CLOCK }), asOf: EVAL_CLOCK });
await harness(sample[0]!, 99); // warm: template world, knowledge index
const rows: string[] = [];
for (const concurrency of [1, 2]) {
  const started = performance.now();
  const results = await runScenarios({ scenarios: sample, trials: 1, concurrency, harness, diff: diffPaths });
  const seconds = (performance.now() - started) / 1000;
  rows.push(`| scenarios (embedded planner), ${concurrency} in flight | ${sample.length} | ${seconds.toFixed(1)} s | ${(sample.length / seconds).toFixed(2)} scenarios/s | ${results.filter((r) => r.grade.passed).length} passed |`);
}
await harness.close();

const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const redis = { host: redisUrl.hostname, port: Number(redisUrl.port || 6379), db: Number(redisUrl.pathname.slice(1) || 0) };
const databaseUrl = process.env.DATABASE_URL;
const mode = databaseUrl ? 'process(es)' : 'instance(s) in this process';
// Each worker count gets its own freshly generated world, so both runs start from the same state.
for (const workers of [1, 2]) {
  const prefix = `bench_sim_${workers}_${Date.now().toString(36)}`;
  const world = await createReferenceWorld({ db, prefix, asOf: EVAL_CLOCK, runtime: { now: () => EVAL_CLOCK }, source: { kind: 'synthetic', seed: 7, orders: 500, customers: 100, products: 60, warehouses: 3, days: 60 } });
  const contacts = generateContacts(await readSimWorld(db, world.schemas, EVAL_CLOCK), CONTACTS, 7);
  const stack = databaseUrl ? undefined : await simulationStack(db, world, createDeterministicPlanner({ now: () => EVAL_CLOCK }), EVAL_CLOCK);
  // Worker processes start (and load their modules) before the clock starts: runSimulation waits until they consume.
  let started = performance.now();
  const outcomes = await runSimulation({
    ledger: world.runtime.ledger, db, contacts, redis, workers, concurrency: 2, inFlight: workers * 4, runId: prefix,
    ...(stack ? { service: stack.service } : { processes: { databaseUrl: databaseUrl!, prefix, asOf: EVAL_CLOCK, onStarted: () => (started = performance.now()) } }),
  });
  const seconds = (performance.now() - started) / 1000;
  rows.push(`| simulator contacts, ${workers} worker ${mode} × 2 | ${outcomes.length} | ${seconds.toFixed(1)} s | ${(outcomes.length / seconds).toFixed(2)} contacts/s | ${outcomes.filter((o) => o.resolvedByAgent).length} resolved by the agent, ${outcomes.reduce((n, o) => n + o.policyViolations, 0)} violations |`);
  await stack?.close();
  await dropPrefixedSchemas(db, prefix);
}
await db.close();
console.log(`\n## evals bench (${databaseUrl ? 'PostgreSQL; simulator workers are separate processes' : 'PGlite; simulator workers share this one process'})\n`);
console.log('| what | n | wall | throughput | outcome |\n|---|---:|---:|---:|---|');
for (const row of rows) console.log(row);
process.exit(0);
