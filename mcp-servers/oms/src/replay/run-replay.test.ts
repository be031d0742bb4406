import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPglite, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { defaultTauBenchDir } from '../import/tau-bench.ts';
import { runReplay } from './run-replay.ts';

// The comparison must be able to fail: a gold state that differs from what the tools produce, and a gold refusal
// the tools accept, are both reported with the first difference.
describe('runReplay against a tampered gold file', () => {
  it('reports a wrong final state and an unexpected acceptance, task by task', async () => {
    const dir = defaultTauBenchDir();
    const gold = JSON.parse(await readFile(resolve(dir, 'gold_final_states_train_dev.json'), 'utf8'));
    const [first, second] = gold.splits.dev;
    first.changed_records.orders['#W5442520'].status = 'delivered';
    second.replay_errors = [{ action_index: 0, name: 'cancel_pending_order', observation: 'Error: made up' }];
    const scratch = await mkdtemp(join(tmpdir(), 'oms-replay-'));
    const tampered = join(scratch, 'gold.json');
    await writeFile(tampered, JSON.stringify(gold));

    const report = await runReplay({ db: await sharedPglite(), tasksPath: resolve(dir, 'tasks_dev.json'), goldPath: tampered, split: 'dev', maxTasks: 3, prefix: uniquePrefix() }).finally(() =>
      rm(scratch, { recursive: true, force: true }),
    );
    expect(report.outcomes.map((o) => o.failure)).toEqual([
      'orders["#W5442520"].status: expected "delivered", got "cancelled"',
      expect.stringMatching(/^action 0 \w+ was accepted but the benchmark refuses it: Error: made up$/),
      undefined,
    ]);
    expect([report.passed, report.failed]).toEqual([1, 2]);
  }, 600_000);
});
