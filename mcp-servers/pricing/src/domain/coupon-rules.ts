import { fromCents } from './money.ts';
import type { Coupon, CouponUsage } from './types.ts';

export const COUPON_REFUSALS = ['unknown_code', 'not_started', 'expired', 'total_limit_reached', 'customer_limit_reached', 'segment', 'min_subtotal'] as const;
export type CouponRefusal = (typeof COUPON_REFUSALS)[number];

export type CouponCheck = { ok: true } | { ok: false; refusal: CouponRefusal; reason: string };

export interface CouponCheckFacts {
  now: Date;
  usage: CouponUsage;
  segment: string;
  /** The cart's list-price subtotal in cents; omit to skip the minimum-subtotal rule (e.g. validating without a cart). */
  listSubtotalCents?: number | undefined;
}

/**
 * Whether a coupon may be used now by this customer. Rules, in the order they are checked: the validity window,
 * the total usage limit, the per-customer usage limit, the customer segment, the minimum subtotal.
 * Usage counts active redemptions (released ones do not count).
 */
export function checkCoupon(coupon: Coupon, facts: CouponCheckFacts): CouponCheck {
  const t = facts.now.getTime();
  if (Date.parse(coupon.startsAt) > t) {
    return { ok: false, refusal: 'not_started', reason: `coupon ${coupon.code} is not valid before ${coupon.startsAt}` };
  }
  if (coupon.endsAt !== undefined && Date.parse(coupon.endsAt) <= t) {
    return { ok: false, refusal: 'expired', reason: `coupon ${coupon.code} expired at ${coupon.endsAt}` };
  }
  if (coupon.totalLimit !== undefined && facts.usage.total >= coupon.totalLimit) {
    return {
      ok: false,
      refusal: 'total_limit_reached',
      reason: `coupon ${coupon.code} has reached its usage limit (${coupon.totalLimit} uses in total)`,
    };
  }
  if (coupon.perCustomerLimit !== undefined && facts.usage.byCustomer >= coupon.perCustomerLimit) {
    return {
      ok: false,
      refusal: 'customer_limit_reached',
      reason: `coupon ${coupon.code} was already used ${facts.usage.byCustomer} time(s) by this customer; the limit is ${coupon.perCustomerLimit} per customer`,
    };
  }
  const segments = coupon.eligibility.segments;
  if (segments !== undefined && segments.length > 0 && !segments.includes(facts.segment)) {
    return {
      ok: false,
      refusal: 'segment',
      reason: `coupon ${coupon.code} is only for customers in segment(s) ${segments.join(', ')}; this customer is "${facts.segment}"`,
    };
  }
  const min = coupon.eligibility.minSubtotalCents;
  if (min !== undefined && facts.listSubtotalCents !== undefined && facts.listSubtotalCents < min) {
    return {
      ok: false,
      refusal: 'min_subtotal',
      reason: `coupon ${coupon.code} needs a subtotal of at least ${fromCents(min).toFixed(2)}; this cart's subtotal is ${fromCents(facts.listSubtotalCents).toFixed(2)}`,
    };
  }
  return { ok: true };
}
