import { createDeterministicPlanner } from '@agentic-commerce/graph/planner/index';
import { sharedPglite } from '@agentic-commerce/kit/testing/test-database';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EVAL_CLOCK } from '../eval-clock.ts';
import { episodeWorlds } from '../harness/episode-worlds.ts';
import type { GoldEntry } from './grade-task.ts';
import { runTauBench, type TauTaskSpec } from './run-taubench.ts';

const dataDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/tau-bench-retail');
const tasks = JSON.parse(readFileSync(join(dataDir, 'tasks_dev.json'), 'utf8')) as TauTaskSpec[];
const goldFile = JSON.parse(readFileSync(join(dataDir, 'gold_final_states_train_dev.json'), 'utf8')) as { splits: { dev: (GoldEntry & { task_index: number })[] } };
const gold = new Map(goldFile.splits.dev.map((g) => [g.task_index, g]));
// τ-bench dev task 0: Olivia Ito (zip 80218) cancels #W5442520 because she no longer needs it.
const task0 = tasks.find((t) => t.task_index === 0)!;

describe('τ-bench runner (scripted user simulator, embedded planner as the agent)', async () => {
  const worlds = episodeWorlds({ db: await sharedPglite(), asOf: EVAL_CLOCK, tauBenchDir: dataDir, catalogAvailability: 'as-loaded' });
  afterAll(() => worlds.close());
  const agent = async () => createDeterministicPlanner({ now: () => EVAL_CLOCK });
  const user = (lines: string[]) => () => Promise.resolve(new FakeListChatModel({ responses: lines }));

  it('passes an episode whose final database equals the gold one', async () => {
    const run = await runTauBench({
      worlds, tasks: [task0], gold, trials: 1, agentModel: agent,
      userModel: user(["Hi, I'm Olivia Ito, zip code 80218. Please cancel my order #W5442520, I no longer need it.", 'yes', '###STOP###']),
    });
    expect(run.episodes[0]).toMatchObject({ passed: true, failure: undefined, turns: 2 });
    expect(run.passHat[1]).toBe(1);
  });

  it('fails an episode that left the database short of the gold state, naming the first difference', async () => {
    const run = await runTauBench({ worlds, tasks: [task0], gold, trials: 2, agentModel: agent, userModel: user(['###STOP###']) });
    expect(run.episodes.map((e) => e.passed)).toEqual([false, false]);
    expect(run.episodes[0]!.failure).toMatch(/^final state differs: orders\["#W5442520"\]/);
    expect(run.passHat).toEqual({ 1: 0, 2: 0 });
  });
});
