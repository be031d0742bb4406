import { createDeterministicPlanner } from '@agentic-commerce/graph/planner/index';
import { dropPrefixedSchemas, sharedPglite, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { createReferenceWorld } from '@agentic-commerce/world';
import { afterAll, describe, expect, it } from 'vitest';
import { EVAL_CLOCK } from '../eval-clock.ts';
import { generateContacts } from './contact-mix.ts';
import { agentKpis } from './kpis.ts';
import { runSimulation } from './run-simulation.ts';
import { readSimWorld } from './sim-world.ts';
import { simulationStack } from './simulation-stack.ts';

const redis = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15');
const redisTarget = { host: redis.hostname, port: Number(redis.port || 6379), db: Number(redis.pathname.slice(1) || 0) };
const prefix = uniquePrefix();

describe('simulation through BullMQ workers (Redis)', () => {
  afterAll(async () => dropPrefixedSchemas(await sharedPglite(), prefix));

  it('runs contacts as jobs, reads outcomes from the ledger, and never duplicates a side effect', async () => {
    const db = await sharedPglite();
    const world = await createReferenceWorld({ db, prefix, asOf: EVAL_CLOCK, runtime: { now: () => EVAL_CLOCK }, source: { kind: 'synthetic', seed: 3, orders: 80, customers: 20, products: 20, warehouses: 2, days: 30 } });
    const simWorld = await readSimWorld(db, world.schemas);
    expect(simWorld.orders).toHaveLength(80);
    const contacts = generateContacts(simWorld, 6, 3);
    const stack = await simulationStack(db, world, createDeterministicPlanner({ now: () => EVAL_CLOCK }), EVAL_CLOCK);
    const outcomes = await runSimulation({ service: stack.service, ledger: world.runtime.ledger, db, contacts, redis: redisTarget, workers: 2, concurrency: 2, inFlight: 4, runId: `${prefix}-sim` });
    await stack.close();
    expect(outcomes.map((o) => o.contact.id)).toEqual(contacts.map((c) => c.id));
    const kpis = agentKpis(outcomes);
    expect(kpis.contacts).toBe(6);
    expect(kpis.policyViolations).toBe(0);
    expect(kpis.duplicatedSideEffects).toBe(0);
    // Read-only contacts never change anything; every write comes from a contact that asked for one.
    for (const o of outcomes.filter((x) => x.contact.intent === 'track_order' || x.contact.intent === 'product_question')) expect(o.executedWriteKeys).toEqual([]);
    expect(outcomes.some((o) => o.turns > 0)).toBe(true);
  }, 300_000);
});
