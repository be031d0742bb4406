import { describe, expect, it } from 'vitest';
import { sumInCents } from './money-sum.ts';

describe('sumInCents', () => {
  it('adds prices in cents, so prices that make 1000.00 sum to exactly 1000', () => {
    expect([0.07, 513.07, 486.86].reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
    expect(sumInCents([0.07, 513.07, 486.86])).toBe(1000);
    expect(sumInCents([0.1, 0.2])).toBe(0.3);
    expect(sumInCents([])).toBe(0);
  });
});
