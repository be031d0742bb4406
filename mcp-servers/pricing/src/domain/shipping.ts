import { fromCents } from './money.ts';
import type { ShippingRate } from './types.ts';

/** Shipping for a service level: the flat rate, or free when the merchandise total reaches the rate's threshold. */
export function shippingCents(rate: ShippingRate, merchandiseCents: number): { cents: number; rule: string } {
  if (rate.freeAboveCents !== undefined && merchandiseCents >= rate.freeAboveCents) {
    return { cents: 0, rule: `free ${rate.serviceLevel} shipping on merchandise of ${fromCents(rate.freeAboveCents).toFixed(2)} or more` };
  }
  const threshold = rate.freeAboveCents === undefined ? '' : ` (free from ${fromCents(rate.freeAboveCents).toFixed(2)})`;
  return { cents: rate.flatCents, rule: `flat ${rate.serviceLevel} rate ${fromCents(rate.flatCents).toFixed(2)}${threshold}` };
}
