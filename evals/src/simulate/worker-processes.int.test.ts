import { dropPrefixedSchemas, sharedPostgres, testPostgresUrl, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { createReferenceWorld } from '@agentic-commerce/world';
import { turnQueue } from '@agentic-commerce/graph/worker/turn-worker';
import { QueueEvents } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { EVAL_CLOCK } from '../eval-clock.ts';
import { generateContacts } from './contact-mix.ts';
import { agentKpis } from './kpis.ts';
import { runSimulation } from './run-simulation.ts';
import { readSimWorld } from './sim-world.ts';
import type { WorkerProcesses } from './worker-processes.ts';

const redisUrl = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15');
const redis = { host: redisUrl.hostname, port: Number(redisUrl.port || 6379), db: Number(redisUrl.pathname.slice(1) || 0) };
const databaseUrl = testPostgresUrl();
const prefix = uniquePrefix();

describe.skipIf(!databaseUrl)('simulation through worker processes (PostgreSQL + Redis)', () => {
  afterAll(async () => dropPrefixedSchemas(await sharedPostgres(), prefix));

  it('runs contacts on two processes; when one is killed mid-run the other finishes its jobs without repeating a write', async () => {
    const db = await sharedPostgres();
    const world = await createReferenceWorld({ db, prefix, asOf: EVAL_CLOCK, runtime: { now: () => EVAL_CLOCK }, source: { kind: 'synthetic', seed: 5, orders: 80, customers: 20, products: 20, warehouses: 2, days: 30 } });
    const contacts = generateContacts(await readSimWorld(db, world.schemas), 8, 5);
    const runId = `${prefix}-procs`;
    const connection = { ...redis, maxRetriesPerRequest: null };
    const watch = turnQueue(connection, `sim-${runId}`);
    const events = new QueueEvents(`sim-${runId}`, { connection });
    const stalled: string[] = [];
    events.on('stalled', ({ jobId }) => stalled.push(jobId));
    await events.waitUntilReady();
    let pool: WorkerProcesses | undefined;
    let killed: string[] | undefined;
    let finished = false; // the run ended before process 1 was seen busy: stop looking (the test then fails on `killed`)
    // Once a contact is done, crash process 1 while it holds jobs: they stall and go to process 2. (It runs two at a
    // time; one of them may finish between the look and the kill, so the jobs it held are all candidates.)
    const crashWhileBusy = async () => {
      while (!killed && pool && !finished) {
        const busy = (await watch.getActive()).filter((j) => j.processedBy === pool?.names[0] && j.id);
        if (busy.length > 0) {
          pool.kill(0);
          killed = busy.map((j) => j.id!);
        } else await new Promise((r) => setTimeout(r, 50));
      }
    };
    let crash: Promise<void> | undefined;
    const outcomes = await runSimulation({
      ledger: world.runtime.ledger, db, contacts, redis, workers: 2, concurrency: 2, inFlight: 4, runId,
      processes: { databaseUrl: databaseUrl!, prefix, asOf: EVAL_CLOCK, stalledAfterMs: 4000, onStarted: (p) => (pool = p) },
      onProgress: (done) => {
        if (done === 1) crash = crashWhileBusy();
      },
    });
    finished = true;
    await crash;
    await events.close();
    await watch.close();
    expect(new Set(pool?.pids).size).toBe(2);
    expect(killed).toBeDefined();
    expect(stalled.filter((id) => killed!.includes(id)).length).toBeGreaterThan(0); // a job the killed process held stalled
    expect(outcomes.map((o) => o.contact.id)).toEqual(contacts.map((c) => c.id));
    const kpis = agentKpis(outcomes);
    expect(kpis.policyViolations).toBe(0);
    expect(kpis.duplicatedSideEffects).toBe(0);
    expect(outcomes.filter((o) => o.turns > 0)).toHaveLength(contacts.length);
    for (const o of outcomes.filter((x) => x.contact.intent === 'track_order' || x.contact.intent === 'product_question')) expect(o.executedWriteKeys).toEqual([]);
  }, 300_000);
});
