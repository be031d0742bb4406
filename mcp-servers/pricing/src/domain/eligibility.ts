import type { Eligibility } from './types.ts';

/** One cart line as eligibility rules see it. */
export interface EligibleLine {
  itemId: string;
  productId: string;
  category?: string | undefined;
}

/** Facts about the whole cart that eligibility rules read. */
export interface CartFacts {
  segment: string;
  listSubtotalCents: number;
}

/** A window [startsAt, endsAt) is active at `now`; a missing end never expires. */
export function isActiveAt(window: { startsAt: string; endsAt?: string | undefined }, now: Date): boolean {
  const t = now.getTime();
  if (Date.parse(window.startsAt) > t) return false;
  return window.endsAt === undefined || Date.parse(window.endsAt) > t;
}

const allows = (list: string[] | undefined, value: string | undefined): boolean =>
  list === undefined || list.length === 0 || (value !== undefined && list.includes(value));

/** Whether the cart as a whole qualifies (segment, minimum subtotal). */
export function cartQualifies(rules: Eligibility, cart: CartFacts): boolean {
  if (!allows(rules.segments, cart.segment)) return false;
  return rules.minSubtotalCents === undefined || cart.listSubtotalCents >= rules.minSubtotalCents;
}

/** Whether one line's item falls under the rules' product, item and category lists (all that are given must match). */
export function lineQualifies(rules: Eligibility, line: EligibleLine): boolean {
  return allows(rules.itemIds, line.itemId) && allows(rules.productIds, line.productId) && allows(rules.categories, line.category);
}
