import { openAiChatModel } from '@agentic-commerce/graph/models/create-chat-model';
import { modelConfigFromEnv } from '@agentic-commerce/graph/models/model-config';
import { costOf } from '@agentic-commerce/graph/models/model-price';
import { UsageMeter } from '@agentic-commerce/graph/models/usage-meter';
import { createDeterministicPlanner } from '@agentic-commerce/graph/planner/index';
import { startFakeOpenAi } from '@agentic-commerce/graph/testing/fake-openai-server';
import { dropPrefixedSchemas, sharedPglite, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { createReferenceWorld } from '@agentic-commerce/world';
import { afterAll, describe, expect, it } from 'vitest';
import { EVAL_CLOCK } from '../eval-clock.ts';
import { generateContacts } from './contact-mix.ts';
import { agentKpis, DEFAULT_COST_MODEL } from './kpis.ts';
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

  it('prices each contact from the live model\'s reported tokens, and the KPIs use that cost', async () => {
    const db = await sharedPglite();
    const livePrefix = `${prefix}l`;
    const fake = await startFakeOpenAi(() => ({ content: 'Let me look into that for you.', usage: { promptTokens: 900, completionTokens: 40 } }));
    try {
      const world = await createReferenceWorld({ db, prefix: livePrefix, asOf: EVAL_CLOCK, runtime: { now: () => EVAL_CLOCK }, source: { kind: 'synthetic', seed: 4, orders: 30, customers: 10, products: 10, warehouses: 1, days: 30 } });
      const contacts = generateContacts(await readSimWorld(db, world.schemas), 3, 4);
      const config = modelConfigFromEnv({ MODEL_PROVIDER: 'openai', OPENAI_BASE_URL: fake.url, MODEL_NAME: 'fake-model' });
      if (config.provider !== 'openai') throw new Error('expected an openai config');
      const meter = new UsageMeter();
      const price = { inputPerMTok: 1, outputPerMTok: 4, source: 'test price' };
      const stack = await simulationStack(db, world, openAiChatModel(config), EVAL_CLOCK, undefined, [meter]);
      const outcomes = await runSimulation({
        service: stack.service, ledger: world.runtime.ledger, db, contacts, redis: redisTarget, workers: 1, concurrency: 2, inFlight: 2, runId: `${livePrefix}-sim`,
        measuredCost: (id) => costOf(meter.ofConversation(id), price),
      });
      await stack.close();
      // Every model request reported 900 in / 40 out: $0.00106 each at $1/$4 per million.
      const perCall = (900 * 1 + 40 * 4) / 1e6;
      expect(meter.total()).toEqual({ inputTokens: 900 * fake.requests.length, outputTokens: 40 * fake.requests.length, calls: fake.requests.length });
      for (const o of outcomes) expect(o.costUsd! / perCall).toBeCloseTo(meter.ofConversation(`${livePrefix}-sim-${o.contact.id}`).calls, 9);
      expect(outcomes.every((o) => o.costUsd! > 0)).toBe(true);
      const measured = outcomes.reduce((n, o) => n + o.costUsd!, 0);
      expect(measured).toBeCloseTo(fake.requests.length * perCall, 12);
      const escalated = outcomes.filter((o) => o.escalated).length;
      expect(agentKpis(outcomes).totalCost).toBeCloseTo(measured + escalated * DEFAULT_COST_MODEL.humanCostPerContact, 9);
    } finally {
      await fake.close();
      await dropPrefixedSchemas(db, livePrefix);
    }
  }, 300_000);
});
