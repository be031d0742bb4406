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

describe("the simulator's failed-delivery contacts through the graph", () => {
  afterAll(async () => dropPrefixedSchemas(await sharedPglite(), prefix));

  it('recovers them: the ledger shows a booked, rescheduled or rerouted delivery for each, on parcels still with the courier', async () => {
    const db = await sharedPglite();
    const world = await createReferenceWorld({ db, prefix, asOf: EVAL_CLOCK, runtime: { now: () => EVAL_CLOCK }, source: { kind: 'synthetic', seed: 5, orders: 120, customers: 20, products: 20, warehouses: 2, days: 30 } });
    const simWorld = await readSimWorld(db, world.schemas);
    const contacts = generateContacts(simWorld, 40, 5).filter((c) => c.fromDeliveryException).slice(0, 3);
    expect(contacts.length).toBeGreaterThan(0);
    const shipments = new Map(simWorld.shipments.map((s) => [s.trackingId, s]));
    for (const c of contacts) expect(shipments.get(c.trackingId ?? '')?.status).toBe('failed_attempt');
    const stack = await simulationStack(db, world, createDeterministicPlanner({ now: () => EVAL_CLOCK }), EVAL_CLOCK);
    const outcomes = await runSimulation({ service: stack.service, ledger: world.runtime.ledger, db, contacts, redis: redisTarget, workers: 1, concurrency: 2, inFlight: 2, runId: `${prefix}-fd` });
    await stack.close();
    expect(outcomes.map((o) => [o.contact.id, o.deliveryRecovered, o.escalated])).toEqual(contacts.map((c) => [c.id, true, false]));
    const kpis = agentKpis(outcomes);
    expect(kpis.failedDeliveriesRecovered).toBe(1);
    expect(kpis.policyViolations).toBe(0);
    expect(kpis.duplicatedSideEffects).toBe(0);
  }, 300_000);
});
