/**
 * The sum of money amounts, added in whole cents and given back in the store currency: 0.07 + 513.07 + 486.86 is
 * exactly 1000, where adding the floating-point values gives 1000.0000000000001 (and would cross a 1000.00 limit).
 */
export function sumInCents(amounts: Iterable<number>): number {
  let cents = 0;
  for (const amount of amounts) cents += Math.round(amount * 100);
  return cents / 100;
}
