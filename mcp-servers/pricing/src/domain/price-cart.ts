import { failedPrecondition, invalidArgument } from '@agentic-commerce/kit';
import { checkCoupon } from './coupon-rules.ts';
import { cartQualifies, isActiveAt, lineQualifies, type CartFacts } from './eligibility.ts';
import { redeemValueCents, maxRedeemablePoints, pointsEarnedOn } from './loyalty-rules.ts';
import { allocate, applyRate, fromCents } from './money.ts';
import { describePromotion, lineDiscountCents, orderDiscountCents, type PricedLine } from './promotion-discount.ts';
import { shippingCents } from './shipping.ts';
import type { Coupon, CouponUsage, Eligibility, LoyaltyProgram, Promotion, ShippingRate, TaxRate } from './types.ts';

export interface Adjustment {
  source: 'line_promotion' | 'order_promotion' | 'coupon';
  /** Promotion id or coupon code. */
  id: string;
  name: string;
  description: string;
  amountCents: number;
}

export interface QuotedLine extends PricedLine {
  listCents: number;
  adjustments: Adjustment[];
  discountCents: number;
  netCents: number;
  taxCents: number;
}

export interface CartPricingInput {
  now: Date;
  segment: string;
  lines: PricedLine[];
  /** Every candidate promotion; inactive and ineligible ones are skipped. */
  promotions: Promotion[];
  coupon?: { coupon: Coupon; usage: CouponUsage } | undefined;
  loyalty: { pointsToRedeem: number; balance: number; program: LoyaltyProgram };
  shipping: ShippingRate;
  tax: TaxRate;
}

export interface CartPricing {
  lines: QuotedLine[];
  listSubtotalCents: number;
  discountCents: number;
  /** Order-level discounts (at most one order promotion and one coupon) with their full amounts. */
  orderAdjustments: Adjustment[];
  merchandiseCents: number;
  shipping: { serviceLevel: string; description: string; cents: number; rule: string };
  tax: { state: string; rate: number; cents: number };
  totalCents: number;
  loyalty: { pointsRedeemed: number; valueCents: number; pointsToEarn: number; balanceAfter: number };
  amountDueCents: number;
}

/** Stacking rules, stated once: they are what `priceCart` implements. */
export const STACKING_RULES =
  'Per line, the single best active line promotion applies (largest discount; ties by promotion id). ' +
  'Then the single best active order promotion applies to the eligible lines after line discounts. ' +
  'Then at most one coupon applies to the eligible lines after both. Loyalty points are tender: they reduce the amount due, not the taxable amount. ' +
  'Tax is per line on the discounted line amount at the ship-to state rate; shipping is not taxed.';

const byAmountThenId = (a: Adjustment, b: Adjustment) => b.amountCents - a.amountCents || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function bestOrderDiscount(lines: QuotedLine[], candidates: { id: string; name: string; description: string; kind: 'percentage' | 'fixed_amount'; value: number; eligibility: Eligibility }[], source: Adjustment['source']) {
  const scored = candidates.map((c) => {
    const eligible = lines.map((l) => lineQualifies(c.eligibility, l) ? l.listCents - l.discountCents : 0);
    const base = eligible.reduce((a, b) => a + b, 0);
    const adjustment: Adjustment = { source, id: c.id, name: c.name, description: c.description, amountCents: orderDiscountCents(c.kind, c.value, base) };
    return { adjustment, eligible };
  });
  return scored.filter((s) => s.adjustment.amountCents > 0).sort((a, b) => byAmountThenId(a.adjustment, b.adjustment))[0];
}

function applyOrderDiscount(lines: QuotedLine[], best: { adjustment: Adjustment; eligible: number[] }): void {
  const parts = allocate(best.adjustment.amountCents, best.eligible);
  lines.forEach((line, i) => {
    const part = parts[i] ?? 0;
    if (part === 0) return;
    line.adjustments.push({ ...best.adjustment, amountCents: part });
    line.discountCents += part;
  });
}

/** Prices a cart: promotions, coupon, shipping, tax and loyalty redemption, every amount in cents and explained. */
export function priceCart(input: CartPricingInput): CartPricing {
  const listSubtotalCents = input.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  const cart: CartFacts = { segment: input.segment, listSubtotalCents };
  const active = input.promotions.filter((p) => isActiveAt(p, input.now) && cartQualifies(p.eligibility, cart));
  const lines: QuotedLine[] = input.lines.map((line) => {
    const listCents = line.quantity * line.unitPriceCents;
    const best = active
      .filter((p) => p.scope === 'line' && lineQualifies(p.eligibility, line))
      .map((p): Adjustment => ({ source: 'line_promotion', id: p.id, name: p.name, description: describePromotion(p), amountCents: lineDiscountCents(p, line) }))
      .filter((a) => a.amountCents > 0)
      .sort(byAmountThenId)[0];
    return { ...line, listCents, adjustments: best ? [best] : [], discountCents: best?.amountCents ?? 0, netCents: 0, taxCents: 0 };
  });

  const orderAdjustments: Adjustment[] = [];
  const orderPromotions = active.filter((p): p is Promotion & { kind: 'percentage' | 'fixed_amount' } => p.scope === 'order' && p.kind !== 'buy_x_get_y');
  const bestPromotion = bestOrderDiscount(lines, orderPromotions.map((p) => ({ ...p, description: describePromotion(p) })), 'order_promotion');
  if (bestPromotion) {
    applyOrderDiscount(lines, bestPromotion);
    orderAdjustments.push(bestPromotion.adjustment);
  }

  if (input.coupon) {
    const { coupon, usage } = input.coupon;
    const check = checkCoupon(coupon, { now: input.now, usage, segment: input.segment, listSubtotalCents });
    if (!check.ok) throw failedPrecondition(check.reason, { refusal: check.refusal, code: coupon.code });
    const description = coupon.kind === 'percentage' ? `${coupon.value}% off` : `${fromCents(coupon.value).toFixed(2)} off`;
    const best = bestOrderDiscount(lines, [{ ...coupon, id: coupon.code, name: coupon.description, description }], 'coupon');
    if (!best) throw failedPrecondition(`coupon ${coupon.code} applies to none of the items in this cart`, { refusal: 'no_eligible_items', code: coupon.code });
    applyOrderDiscount(lines, best);
    orderAdjustments.push(best.adjustment);
  }

  for (const line of lines) {
    line.netCents = line.listCents - line.discountCents;
    line.taxCents = applyRate(line.netCents, input.tax.rate);
  }
  const merchandiseCents = lines.reduce((sum, l) => sum + l.netCents, 0);
  const shipping = shippingCents(input.shipping, merchandiseCents);
  const taxCents = lines.reduce((sum, l) => sum + l.taxCents, 0);
  const totalCents = merchandiseCents + shipping.cents + taxCents;

  const { pointsToRedeem, balance, program } = input.loyalty;
  if (pointsToRedeem > balance) {
    throw failedPrecondition(`cannot redeem ${pointsToRedeem} points: the loyalty balance is ${balance} points`, { balance });
  }
  const valueCents = redeemValueCents(pointsToRedeem, program);
  if (valueCents > totalCents) {
    const max = maxRedeemablePoints(totalCents, program);
    throw invalidArgument(`${pointsToRedeem} points are worth ${fromCents(valueCents).toFixed(2)}, more than the total ${fromCents(totalCents).toFixed(2)}; redeem at most ${max} points on this cart`, { maxPoints: max });
  }
  return {
    lines,
    listSubtotalCents,
    discountCents: lines.reduce((sum, l) => sum + l.discountCents, 0),
    orderAdjustments,
    merchandiseCents,
    shipping: { serviceLevel: input.shipping.serviceLevel, description: input.shipping.description, ...shipping },
    tax: { state: input.tax.state, rate: input.tax.rate, cents: taxCents },
    totalCents,
    loyalty: {
      pointsRedeemed: pointsToRedeem,
      valueCents,
      pointsToEarn: pointsEarnedOn(Math.max(0, merchandiseCents - valueCents), program),
      balanceAfter: balance - pointsToRedeem,
    },
    amountDueCents: totalCents - valueCents,
  };
}
