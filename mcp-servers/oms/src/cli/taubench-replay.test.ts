import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPglite, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { defaultTauBenchDir } from '../import/tau-bench.ts';
import { runReplay } from '../replay/run-replay.ts';

const dir = defaultTauBenchDir();
const gold = resolve(dir, 'gold_final_states_train_dev.json');

// The parity gate of issue 2: every train and dev task's gold actions, replayed through the OMS MCP server over
// Streamable HTTP (full action layer), must leave exactly the benchmark's final state and refuse exactly its refusals.
describe('taubench:replay', () => {
  it.each(['dev', 'train'])('replays every %s task to the gold final state', async (split) => {
    const report = await runReplay({ db: await sharedPglite(), tasksPath: resolve(dir, `tasks_${split}.json`), goldPath: gold, prefix: uniquePrefix() });
    expect(report.outcomes.filter((o) => o.failure).map((o) => `${o.taskIndex}: ${o.failure}`)).toEqual([]);
    expect(report.passed).toBe(split === 'dev' ? 20 : 500);
  }, 900_000);
});
