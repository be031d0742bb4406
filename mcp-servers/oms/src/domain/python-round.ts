/**
 * Python's `round(x, 2)` for floats: the exact binary value rounded to cents, exact ties to even.
 * τ-bench rounds gift-card balances and price differences this way; `toFixed` alone breaks ties upwards.
 */
export function roundCents(x: number): number {
  if (!Number.isFinite(x)) return x;
  const eighths = x * 8; // exact for doubles: a tie at two decimals is always an odd number of eighths
  if (Number.isInteger(eighths) && Math.abs(eighths % 2) === 1) {
    const cents = x * 100; // an exact ±k.5
    const down = Math.floor(cents);
    const even = down % 2 === 0 ? down : down + 1;
    return even / 100;
  }
  return Number(x.toFixed(2));
}
