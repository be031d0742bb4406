import { invalidArgument } from '@agentic-commerce/kit';

/**
 * Money arithmetic in integer cents. The rounding rule of the whole system:
 * every computed amount (a percentage discount, a line's tax) is rounded once, to the cent, half away from zero
 * (ROUND_HALF_UP on non-negative amounts); an order-level amount is split over its lines by the largest-remainder
 * method so the parts add up to the whole exactly; totals are sums of already-rounded cents, never rounded again.
 */
export const ROUNDING_RULE =
  'All amounts are integer cents. Each percentage discount and each line tax is rounded once to the cent, half up; ' +
  'order-level discounts are split over eligible lines by largest remainder so the parts sum exactly; totals are sums of rounded parts; ' +
  'loyalty points are valued rounded down to the cent.';

/** Dollars (at most 2 decimals) to cents. Refuses amounts with fractions of a cent or that are not finite. */
export function toCents(amount: number, what = 'amount'): number {
  if (!Number.isFinite(amount)) throw invalidArgument(`${what} must be a finite number, got ${amount}`);
  const cents = Math.round(amount * 100);
  if (Math.abs(cents - amount * 100) > 1e-6) {
    throw invalidArgument(`${what} ${amount} has fractions of a cent; use at most 2 decimals`);
  }
  return cents;
}

/** Cents to dollars as a number with at most 2 decimals. */
export function fromCents(cents: number): number {
  return Number((cents / 100).toFixed(2));
}

/** Integer division rounded half up, for non-negative numerators and positive denominators. */
function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** `percent` % of `cents`, rounded half up. Percent may have up to 2 decimals (e.g. 12.5). */
export function percentOf(cents: number, percent: number): number {
  const basisPoints = Math.round(percent * 100);
  return divideHalfUp(cents * basisPoints, 10_000);
}

/** `cents` times a decimal rate with up to 5 decimals (e.g. 0.0725), rounded half up. */
export function applyRate(cents: number, rate: number): number {
  const scaled = Math.round(rate * 100_000);
  return divideHalfUp(cents * scaled, 100_000);
}

/**
 * Splits `total` cents over parts proportionally to `weights` (non-negative cents) by the largest-remainder method:
 * the result sums to `total` exactly and no part exceeds its weight when total <= sum(weights).
 * Ties in the remainder go to the earlier part, so the split is deterministic.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}
