import type { LoyaltyProgram } from './types.ts';

/** Value in cents of `points` redeemed, rounded down to the cent (a customer never gets more than the points are worth). */
export function redeemValueCents(points: number, program: LoyaltyProgram): number {
  const pointValueMicros = Math.round(program.pointValue * 1_000_000);
  return Math.floor((points * pointValueMicros) / 10_000);
}

/** The most points whose value does not exceed `cents`. */
export function maxRedeemablePoints(cents: number, program: LoyaltyProgram): number {
  const pointValueMicros = Math.round(program.pointValue * 1_000_000);
  if (pointValueMicros === 0) return 0;
  return Math.floor((cents * 10_000) / pointValueMicros);
}

/** Points earned on `paidCents` of merchandise: earn rate per whole dollar value, rounded down to a whole point. */
export function pointsEarnedOn(paidCents: number, program: LoyaltyProgram): number {
  const ratePerDollarE4 = Math.round(program.earnPointsPerDollar * 10_000);
  return Math.floor((paidCents * ratePerDollarE4) / 1_000_000);
}
