import { describe, expect, it } from 'vitest';
import { passHatK } from './pass-k.ts';

describe('pass^k', () => {
  it('matches the benchmark definition C(c,k)/C(n,k)', () => {
    expect(passHatK(4, 4, 1)).toBe(1);
    expect(passHatK(3, 4, 1)).toBe(0.75);
    expect(passHatK(3, 4, 2)).toBe(0.5); // C(3,2)/C(4,2) = 3/6
    expect(passHatK(3, 4, 4)).toBe(0);
    expect(passHatK(0, 4, 1)).toBe(0);
  });

  it('refuses k larger than the number of trials', () => {
    expect(() => passHatK(1, 1, 2)).toThrow(/needs at least 2 trials/);
  });
});
