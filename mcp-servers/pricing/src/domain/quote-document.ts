import { z } from 'zod';
import { fromCents, ROUNDING_RULE } from './money.ts';
import { STACKING_RULES, type Adjustment, type CartPricing } from './price-cart.ts';
import type { ShipTo } from './ship-to.ts';

/**
 * A persisted quote, in the wire shape every consumer reads (the quote_cart tool, the OMS's create_order).
 * Money in dollars with 2 decimals.
 */
const money = (what: string) => z.number().describe(`${what}, in USD`);

export const shipToSchema = z.object({
  address1: z.string().min(1).describe('street address'),
  address2: z.string().optional().describe('apartment, suite, etc.'),
  city: z.string().min(1).describe('city'),
  state: z.string().min(2).describe('two-letter US state code, e.g. "CA"'),
  country: z.string().min(2).describe('country: "USA"'),
  zip: z.string().min(3).describe('ZIP code'),
});

export const adjustmentSchema = z.object({
  source: z.enum(['line_promotion', 'order_promotion', 'coupon']).describe('what caused the discount'),
  id: z.string().describe('promotion id or coupon code'),
  name: z.string().describe('promotion name or coupon description'),
  description: z.string().describe('what the promotion or coupon gives, e.g. "15% off"'),
  amount: money('discount on this line (for order-level discounts: this line\'s share)'),
});

export const quoteLineSchema = z.object({
  item_id: z.string().describe('variant (item) id'),
  product_id: z.string().describe('product id'),
  quantity: z.number().int().describe('units'),
  unit_price: money('list price per unit at quote time'),
  list_amount: money('quantity x unit price'),
  adjustments: z.array(adjustmentSchema).describe('every discount on this line, in the order applied'),
  discount: money('sum of adjustments'),
  net_amount: money('list amount minus discount'),
  tax: money('sales tax on the net amount'),
});

export const quoteSchema = {
  quote_id: z.string().describe('quote id; pass it to create_order'),
  customer_id: z.string().describe('customer the quote is for'),
  segment: z.string().describe('customer segment used for eligibility'),
  created_at: z.string().describe('ISO-8601 time the quote was made'),
  expires_at: z.string().describe('ISO-8601 time after which the quote can no longer be used'),
  currency: z.literal('USD').describe('currency of every amount'),
  ship_to: shipToSchema.describe('shipping address the tax and shipping were computed for'),
  service_level: z.string().describe('shipping service level'),
  lines: z.array(quoteLineSchema).describe('one entry per requested line, each fully explained'),
  subtotal: money('sum of list amounts'),
  discount_total: money('sum of all line discounts'),
  order_adjustments: z.array(adjustmentSchema).describe('order-level discounts (order promotion, coupon) with their full amounts'),
  merchandise_total: money('subtotal minus discount_total'),
  shipping: z.object({
    service_level: z.string().describe('service level'),
    description: z.string().describe('what the service level is'),
    amount: money('shipping cost'),
    rule: z.string().describe('the rule that set the shipping cost'),
  }).describe('shipping'),
  tax: z.object({
    state: z.string().describe('ship-to state'),
    rate: z.number().describe('decimal sales tax rate, e.g. 0.0725'),
    amount: money('sum of line taxes'),
  }).describe('sales tax'),
  total: money('merchandise_total + shipping + tax'),
  coupon_code: z.string().nullable().describe('coupon applied, if any'),
  loyalty: z.object({
    points_redeemed: z.number().int().describe('points used as payment'),
    redemption_value: money('value of the redeemed points'),
    points_to_earn: z.number().int().describe('points the customer earns when the order is placed'),
    balance_after: z.number().int().describe('points balance after redemption (before earning)'),
  }).describe('loyalty redemption and earning'),
  amount_due: money('total minus redemption_value: what the payment method is charged'),
  rules: z.object({ rounding: z.string().describe('rounding rule'), stacking: z.string().describe('stacking rule') }).describe('the rules this quote was computed with'),
};
const quoteObject = z.object(quoteSchema);
export type Quote = z.infer<typeof quoteObject>;

export interface QuoteMeta {
  quoteId: string;
  customerId: string;
  segment: string;
  createdAt: Date;
  expiresAt: Date;
  shipTo: ShipTo;
  couponCode: string | undefined;
}

const adjustment = (a: Adjustment) => ({ source: a.source, id: a.id, name: a.name, description: a.description, amount: fromCents(a.amountCents) });

/** Turns a cents breakdown into the quote document. */
export function toQuoteDocument(p: CartPricing, meta: QuoteMeta): Quote {
  return {
    quote_id: meta.quoteId,
    customer_id: meta.customerId,
    segment: meta.segment,
    created_at: meta.createdAt.toISOString(),
    expires_at: meta.expiresAt.toISOString(),
    currency: 'USD',
    ship_to: meta.shipTo,
    service_level: p.shipping.serviceLevel,
    lines: p.lines.map((l) => ({
      item_id: l.itemId,
      product_id: l.productId,
      quantity: l.quantity,
      unit_price: fromCents(l.unitPriceCents),
      list_amount: fromCents(l.listCents),
      adjustments: l.adjustments.map(adjustment),
      discount: fromCents(l.discountCents),
      net_amount: fromCents(l.netCents),
      tax: fromCents(l.taxCents),
    })),
    subtotal: fromCents(p.listSubtotalCents),
    discount_total: fromCents(p.discountCents),
    order_adjustments: p.orderAdjustments.map(adjustment),
    merchandise_total: fromCents(p.merchandiseCents),
    shipping: { service_level: p.shipping.serviceLevel, description: p.shipping.description, amount: fromCents(p.shipping.cents), rule: p.shipping.rule },
    tax: { state: p.tax.state, rate: p.tax.rate, amount: fromCents(p.tax.cents) },
    total: fromCents(p.totalCents),
    coupon_code: meta.couponCode ?? null,
    loyalty: {
      points_redeemed: p.loyalty.pointsRedeemed,
      redemption_value: fromCents(p.loyalty.valueCents),
      points_to_earn: p.loyalty.pointsToEarn,
      balance_after: p.loyalty.balanceAfter,
    },
    amount_due: fromCents(p.amountDueCents),
    rules: { rounding: ROUNDING_RULE, stacking: STACKING_RULES },
  };
}
