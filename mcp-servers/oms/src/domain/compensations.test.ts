import { describe, expect, it } from 'vitest';
import { failedPrecondition } from '@agentic-commerce/kit';
import { Compensations } from './compensations.ts';

describe('Compensations', () => {
  it('undoes completed steps in reverse order and rethrows the original error', async () => {
    const undone: string[] = [];
    const failure = failedPrecondition('out of stock');
    await expect(
      new Compensations().run(async (steps) => {
        steps.completed('a', async () => void undone.push('a'));
        steps.completed('b', async () => void undone.push('b'));
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(undone).toEqual(['b', 'a']);
  });

  it('returns the result and undoes nothing when every step succeeds', async () => {
    const undone: string[] = [];
    const result = await new Compensations().run(async (steps) => {
      steps.completed('a', async () => void undone.push('a'));
      return 42;
    });
    expect(result).toBe(42);
    expect(undone).toEqual([]);
  });

  it('keeps undoing after a failed compensation and says which one failed', async () => {
    const undone: string[] = [];
    const run = new Compensations().run(async (steps) => {
      steps.completed('release stock', async () => void undone.push('stock'));
      steps.completed('restore points', async () => {
        throw new Error('pricing down');
      });
      throw failedPrecondition('card declined');
    });
    await expect(run).rejects.toThrow(/card declined; undoing the completed steps also failed \(restore points: pricing down\)/);
    expect(undone).toEqual(['stock']);
  });
});
