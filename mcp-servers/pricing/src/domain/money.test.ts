import { describe, expect, it } from 'vitest';
import { allocate, applyRate, fromCents, percentOf, toCents } from './money.ts';

describe('money', () => {
  it('converts dollars to cents exactly, refusing fractions of a cent', () => {
    expect(toCents(0.29)).toBe(29);
    expect(toCents(1234.56)).toBe(123456);
    expect(() => toCents(1.005, 'price')).toThrow(/price 1.005 has fractions of a cent/);
    expect(() => toCents(Number.NaN)).toThrow(/finite/);
    expect(fromCents(123456)).toBe(1234.56);
  });

  it('rounds percentages and tax half up, once', () => {
    expect(percentOf(1005, 50)).toBe(503); // 502.5 -> 503
    expect(percentOf(1999, 15)).toBe(300); // 299.85 -> 300
    expect(percentOf(1001, 12.5)).toBe(125); // 125.125 -> 125
    expect(applyRate(1000, 0.0725)).toBe(73); // 72.5 -> 73
    expect(applyRate(999, 0.0625)).toBe(62); // 62.4375 -> 62
  });

  it('allocates an amount over weights so the parts sum exactly', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(1000, [3333, 3333, 3334])).toEqual([333, 333, 334]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    for (const [total, weights] of [
      [997, [123, 4567, 89, 1]],
      [1, [10, 10]],
      [12345, [5000, 5000, 2345]],
    ] as const) {
      const parts = allocate(total, weights);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      parts.forEach((p, i) => expect(p).toBeLessThanOrEqual(weights[i] ?? 0));
    }
  });
});
