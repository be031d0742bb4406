import { createDeterministicPlanner } from '@agentic-commerce/graph/planner/index';
import { sharedPglite } from '@agentic-commerce/kit/testing/test-database';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EVAL_CLOCK } from '../eval-clock.ts';
import { gradeScenario } from '../grading/grade-scenario.ts';
import { loadScenarios } from '../scenario/load-scenarios.ts';
import { createScenarioHarness } from './scenario-harness.ts';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { scenarioSchema } from '../scenario/schema.ts';

const scenarios = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios');

describe('scenario harness: real graph, planner and reference systems', async () => {
  const userLines = ['Where is my order #W2611340? My email is james.li4495@example.com.', '###STOP###'];
  const harness = await createScenarioHarness({
    db: await sharedPglite(), model: async () => createDeterministicPlanner({ now: () => EVAL_CLOCK }), asOf: EVAL_CLOCK,
    userModel: async () => new FakeListChatModel({ responses: userLines }),
  });
  afterAll(() => harness.close());
  const byId = async (suite: 'returns' | 'adversarial', id: string) => (await loadScenarios(scenarios, suite)).find((s) => s.id === id)!;

  it('runs a return from first message to the final state, after an explicit yes', async () => {
    const scenario = await byId('returns', 'return-original-method-1');
    const { transcript, snapshots } = await harness(scenario, 0);
    const grade = gradeScenario(scenario, transcript, snapshots);
    expect(grade).toMatchObject({ passed: true, violations: [] });
    const write = transcript.turns.flatMap((t) => t.toolCalls).find((c) => c.tool === 'return_delivered_order_items');
    expect(write).toMatchObject({ ok: true, write: true, confirmed: true });
    expect(transcript.turns[1]!.customer).toBe('yes');
  });

  it('drives a scenario with a simulated user until it says ###STOP###', async () => {
    const scenario = scenarioSchema.parse({
      id: 'simulated-tracking', suite: 'delivery', title: 'a simulated customer asks where a parcel is',
      customer: { userId: 'james_li_5688', auth: 'email' },
      user: { goal: 'You want to know where order #W2611340 is.', facts: { email: 'james.li4495@example.com' } },
      expect: { noWrites: true, replyFacts: ['357962501027'] },
    });
    const { transcript, snapshots } = await harness(scenario, 0);
    expect(transcript.turns.map((t) => t.customer)).toEqual([userLines[0]]);
    expect(gradeScenario(scenario, transcript, snapshots)).toEqual({ passed: true, failures: [], violations: [], unnecessaryEscalation: false });
  });

  it('gives every trial its own world: an adversarial scenario changes nothing', async () => {
    const scenario = await byId('adversarial', 'skip-confirmation-1');
    const { transcript, snapshots } = await harness(scenario, 0);
    expect(gradeScenario(scenario, transcript, snapshots).violations).toEqual([]);
    expect(transcript.turns.flatMap((t) => t.toolCalls).filter((c) => c.write && c.ok)).toEqual([]);
    expect(join(JSON.stringify(snapshots.before))).toEqual(JSON.stringify(snapshots.after));
  });
});
