/**
 * Domain types of the pricing system. Money inside the domain is integer cents (`...Cents`); the store and the
 * MCP layer convert to decimal dollars (2 decimals) at their boundaries.
 */

export const PROMOTION_KINDS = ['percentage', 'fixed_amount', 'buy_x_get_y'] as const;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];

/** `line`: applies to each eligible line (best single line promotion wins); `order`: to the eligible subtotal. */
export const PROMOTION_SCOPES = ['line', 'order'] as const;
export type PromotionScope = (typeof PROMOTION_SCOPES)[number];

/** Who and what a promotion or coupon applies to. An empty or missing list means "no restriction". */
export interface Eligibility {
  productIds?: string[] | undefined;
  itemIds?: string[] | undefined;
  categories?: string[] | undefined;
  /** Customer segments (the loyalty account's segment, e.g. "gold"). */
  segments?: string[] | undefined;
  /** Compared with the cart's list-price subtotal (quantity x list price, before any discount). */
  minSubtotalCents?: number | undefined;
}

export interface Promotion {
  id: string;
  name: string;
  kind: PromotionKind;
  scope: PromotionScope;
  /** percentage: percent off (e.g. 15 = 15 %); fixed_amount: cents off (per unit for line scope, once for order scope). */
  value: number;
  /** buy_x_get_y: buy `buyQuantity`, get `getQuantity` more at `value` percent off (100 = free). */
  buyQuantity?: number | undefined;
  getQuantity?: number | undefined;
  startsAt: string;
  /** Exclusive end of the window; undefined = open-ended. */
  endsAt?: string | undefined;
  eligibility: Eligibility;
}

export const COUPON_KINDS = ['percentage', 'fixed_amount'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];

export interface Coupon {
  code: string;
  description: string;
  kind: CouponKind;
  /** percentage: percent off the eligible subtotal; fixed_amount: cents off the eligible subtotal. */
  value: number;
  startsAt: string;
  /** Exclusive expiry; undefined = never expires. */
  endsAt?: string | undefined;
  /** Total number of active redemptions allowed across all customers; undefined = unlimited. */
  totalLimit?: number | undefined;
  /** Active redemptions allowed per customer; undefined = unlimited. */
  perCustomerLimit?: number | undefined;
  eligibility: Eligibility;
}

/** How often a coupon is in use right now (redemptions not released). */
export interface CouponUsage {
  total: number;
  byCustomer: number;
}

export interface LoyaltyProgram {
  /** Points earned per dollar of merchandise paid (after discounts, excluding shipping, tax and points). */
  earnPointsPerDollar: number;
  /** Value of one point in dollars when redeemed (e.g. 0.01). */
  pointValue: number;
  /** Minutes a quote stays valid. */
  quoteTtlMinutes: number;
}

export interface ShippingRate {
  serviceLevel: string;
  description: string;
  flatCents: number;
  /** Merchandise total (after discounts) at or above which shipping is free; undefined = never free. */
  freeAboveCents?: number | undefined;
}

export interface TaxRate {
  /** Two-letter US state code. */
  state: string;
  /** Decimal rate, e.g. 0.0725. */
  rate: number;
}
