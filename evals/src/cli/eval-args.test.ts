import { describe, expect, it } from 'vitest';
import { parseEvalArgs } from './eval-args.ts';

const defaults = { scenarios: 's', baseline: 'b.json', out: 'reports' };

describe('parseEvalArgs', () => {
  it('fills defaults: all suites, embedded model, one trial, pass^k with k = trials', () => {
    expect(parseEvalArgs([], defaults)).toMatchObject({ suite: 'all', trials: 1, k: 1, concurrency: 2, out: 'reports', checkBaseline: false });
    expect(parseEvalArgs(['--suite', 'returns', '--trials', '4'], defaults)).toMatchObject({ suite: 'returns', trials: 4, k: 4 });
  });

  it('explains what is wrong with a bad argument', () => {
    expect(() => parseEvalArgs(['--suite', 'refunds'], defaults)).toThrow('--suite must be one of shopping, returns, delivery, adversarial, all, got "refunds"');
    expect(() => parseEvalArgs(['--trials', '0'], defaults)).toThrow('--trials must be an integer from 1 to 100, got "0"');
    expect(() => parseEvalArgs(['--trials', '2', '--k', '3'], defaults)).toThrow('--k must be an integer from 1 to 2, got "3"');
    expect(() => parseEvalArgs(['--bogus'], defaults)).toThrow(/bogus/);
  });
});
