import { describe, expect, it } from 'vitest';
import { measureAgreement } from './agreement.ts';

const canonical = (call: { name: string; args: Record<string, unknown> }) => JSON.stringify([call.name, Object.fromEntries(Object.entries(call.args).sort())]);

describe('scripted τ-bench train tasks: the planner emits the gold write calls', async () => {
  const results = await measureAgreement();
  const gold = results.reduce((n, r) => n + r.gold.length, 0);
  const matched = results.reduce((n, r) => n + r.matched, 0);
  const exact = results.filter((r) => r.exact).length;
  console.info(`τ-bench scripted agreement: ${matched}/${gold} gold write calls emitted; ${exact}/${results.length} tasks with exactly the gold writes in gold order`);

  it.each(results.map((r) => [r.taskIndex, r] as const))('task %i', (_index, result) => {
    expect(result.emitted.map(canonical).sort()).toEqual(result.gold.map(canonical).sort());
  });

  it('never makes a gold call that the benchmark tools themselves refuse (e.g. a gift card too small)', () => {
    const refused = results.flatMap((r) => r.refusedGold.map(canonical));
    const emitted = new Set(results.flatMap((r) => r.emitted.map(canonical)));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.filter((c) => emitted.has(c))).toEqual([]);
  });
});

describe('held-out τ-bench dev tasks (free-form customers; measured, with a floor)', async () => {
  const { heldOutDevTasks } = await import('./scripted-tasks.ts');
  const results = await measureAgreement(heldOutDevTasks);
  const gold = results.reduce((n, r) => n + r.gold.length, 0);
  const matched = results.reduce((n, r) => n + r.matched, 0);
  const exact = results.filter((r) => r.exact).length;
  console.info(`τ-bench dev agreement: ${matched}/${gold} gold write calls emitted; ${exact}/${results.length} tasks exact`);

  it('emits at least 80% of the gold write calls (the floor; README has the measured value and the misses)', () => {
    expect(matched / gold).toBeGreaterThanOrEqual(0.8);
  });

  it('makes no write in a task whose gold has none (task 17: the customer keeps everything)', () => {
    expect(results.find((r) => r.taskIndex === 17)?.emitted).toEqual([]);
  });
});
