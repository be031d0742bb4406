import { invalidArgument } from '@agentic-commerce/kit';
import { z } from 'zod';
import { toCents } from './money.ts';
import { COUPON_KINDS, PROMOTION_KINDS, PROMOTION_SCOPES, type Coupon, type Eligibility, type Promotion } from './types.ts';

/**
 * Promotions and coupons as a retailer writes them (money in dollars). Validated here, converted to the domain's
 * cents form by `toPromotion` / `toCoupon`.
 */
const ids = z.array(z.string().min(1)).optional();
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 timestamp');

export const eligibilitySchema = z.object({
  productIds: ids.describe('product ids the rule applies to; empty or missing = all'),
  itemIds: ids.describe('variant (item) ids the rule applies to; empty or missing = all'),
  categories: ids.describe('categories the rule applies to; empty or missing = all'),
  segments: ids.describe('customer segments (loyalty account segment) allowed; empty or missing = all'),
  minSubtotal: z.number().nonnegative().optional().describe('minimum list-price subtotal of the cart, in dollars'),
});
export type EligibilityDefinition = z.infer<typeof eligibilitySchema>;

const windowFields = {
  startsAt: isoTime.describe('start of validity (inclusive), ISO-8601'),
  endsAt: isoTime.optional().describe('end of validity (exclusive), ISO-8601; missing = open-ended'),
};

export const promotionDefinitionSchema = z.object({
  id: z.string().min(1).max(100).describe('promotion id'),
  name: z.string().min(1).describe('name shown to shoppers'),
  kind: z.enum(PROMOTION_KINDS).describe('percentage | fixed_amount | buy_x_get_y'),
  scope: z.enum(PROMOTION_SCOPES).describe('line: per eligible line; order: on the eligible subtotal'),
  value: z.number().positive().describe('percentage / buy_x_get_y: percent off (100 = free); fixed_amount: dollars off (per unit for line scope)'),
  buyQuantity: z.number().int().positive().optional().describe('buy_x_get_y: units to buy'),
  getQuantity: z.number().int().positive().optional().describe('buy_x_get_y: units discounted per group'),
  ...windowFields,
  eligibility: eligibilitySchema.default({}).describe('what and who the promotion applies to'),
});
export type PromotionDefinition = z.input<typeof promotionDefinitionSchema>;

export const couponDefinitionSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{3,40}$/, 'use 3-40 letters, digits, _ or -').describe('coupon code (case-insensitive)'),
  description: z.string().min(1).describe('what the coupon gives'),
  kind: z.enum(COUPON_KINDS).describe('percentage | fixed_amount'),
  value: z.number().positive().describe('percentage: percent off; fixed_amount: dollars off the eligible subtotal'),
  ...windowFields,
  totalLimit: z.number().int().positive().optional().describe('active redemptions allowed in total; missing = unlimited'),
  perCustomerLimit: z.number().int().positive().optional().describe('active redemptions allowed per customer; missing = unlimited'),
  eligibility: eligibilitySchema.default({}).describe('what and who the coupon applies to'),
});
export type CouponDefinition = z.input<typeof couponDefinitionSchema>;

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw invalidArgument(`${what} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

function checkWindow(what: string, startsAt: string, endsAt: string | undefined): void {
  if (endsAt !== undefined && Date.parse(endsAt) <= Date.parse(startsAt)) throw invalidArgument(`${what}: endsAt ${endsAt} must be after startsAt ${startsAt}`);
}

function percentOrDollars(what: string, kind: string, value: number): number {
  if (kind === 'fixed_amount') return toCents(value, `${what} value`);
  if (value > 100) throw invalidArgument(`${what}: a percentage must be at most 100, got ${value}`);
  if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) throw invalidArgument(`${what}: use at most 2 decimals for a percentage, got ${value}`);
  return value;
}

function toEligibility(e: EligibilityDefinition, what: string): Eligibility {
  const { minSubtotal, ...lists } = e;
  return { ...lists, minSubtotalCents: minSubtotal === undefined ? undefined : toCents(minSubtotal, `${what} minSubtotal`) };
}

/** Validates a promotion definition and converts it to the domain form; refuses impossible combinations. */
export function toPromotion(definition: PromotionDefinition): Promotion {
  const d = parse(promotionDefinitionSchema, definition, 'promotion');
  const what = `promotion ${d.id}`;
  checkWindow(what, d.startsAt, d.endsAt);
  if (d.kind === 'buy_x_get_y') {
    if (d.scope !== 'line') throw invalidArgument(`${what}: buy_x_get_y promotions apply per line; use scope "line"`);
    if (d.buyQuantity === undefined || d.getQuantity === undefined) throw invalidArgument(`${what}: buy_x_get_y needs buyQuantity and getQuantity`);
  }
  return { ...d, value: percentOrDollars(what, d.kind, d.value), eligibility: toEligibility(d.eligibility, what) };
}

/** Validates a coupon definition and converts it to the domain form (code upper-cased). */
export function toCoupon(definition: CouponDefinition): Coupon {
  const d = parse(couponDefinitionSchema, definition, 'coupon');
  const what = `coupon ${d.code}`;
  checkWindow(what, d.startsAt, d.endsAt);
  return { ...d, code: d.code.toUpperCase(), value: percentOrDollars(what, d.kind, d.value), eligibility: toEligibility(d.eligibility, what) };
}
