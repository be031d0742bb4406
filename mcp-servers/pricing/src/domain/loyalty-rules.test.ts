import { describe, expect, it } from 'vitest';
import { maxRedeemablePoints, pointsEarnedOn, redeemValueCents } from './loyalty-rules.ts';

const program = (pointValue: number, earnPointsPerDollar = 1) => ({ pointValue, earnPointsPerDollar, quoteTtlMinutes: 30 });

describe('loyalty rules', () => {
  it('values points rounded down to the cent', () => {
    expect(redeemValueCents(1234, program(0.01))).toBe(1234);
    expect(redeemValueCents(3, program(0.005))).toBe(1); // 1.5 cents -> 1
    expect(redeemValueCents(999, program(0.0025))).toBe(249); // 249.75 -> 249
  });

  it('finds the most points whose exact value fits in a total', () => {
    for (const [cents, value] of [[8200, 0.01], [1001, 0.005], [77, 0.0025]] as const) {
      const max = maxRedeemablePoints(cents, program(value));
      expect(redeemValueCents(max, program(value))).toBeLessThanOrEqual(cents);
      expect(max * value * 100).toBeLessThanOrEqual(cents + 1e-9);
      expect((max + 1) * value * 100).toBeGreaterThan(cents);
    }
    expect(maxRedeemablePoints(8200, program(0.01))).toBe(8200);
  });

  it('earns whole points per dollar paid, rounded down', () => {
    expect(pointsEarnedOn(6337, program(0.01))).toBe(63);
    expect(pointsEarnedOn(6337, program(0.01, 1.5))).toBe(95); // 95.055
    expect(pointsEarnedOn(99, program(0.01))).toBe(0);
  });
});
