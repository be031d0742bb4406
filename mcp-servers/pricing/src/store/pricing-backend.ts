import type { CouponDefinition, PromotionDefinition } from '../domain/definitions.ts';
import type { Quote } from '../domain/quote-document.ts';
import type { ShipTo } from '../domain/ship-to.ts';
import type { CouponRefusal } from '../domain/coupon-rules.ts';
import type { LoyaltyProgram } from '../domain/types.ts';

/** Money in this interface is in dollars (2 decimals); times are ISO-8601 strings or Dates. */
export interface VariantPrice {
  itemId: string;
  productId: string;
  category: string | null;
  price: number;
  validFrom: string;
  /** Exclusive end; null while this is the current price. */
  validTo: string | null;
}

export interface ListPriceInput {
  itemId: string;
  productId: string;
  category?: string | null | undefined;
  price: number;
  /** When the price takes effect; defaults to now. Earlier prices are kept as history. */
  validFrom?: Date | undefined;
}

export interface QuoteRequest {
  customerId: string;
  lines: { itemId: string; quantity: number }[];
  couponCode?: string | undefined;
  loyaltyPoints?: number | undefined;
  shipTo: ShipTo;
  serviceLevel: string;
  now: Date;
}

export interface CouponValidation {
  code: string;
  valid: boolean;
  refusal?: CouponRefusal | undefined;
  reason?: string | undefined;
  description?: string | undefined;
  kind?: 'percentage' | 'fixed_amount' | undefined;
  /** percent, or dollars for fixed_amount */
  value?: number | undefined;
  endsAt?: string | null | undefined;
  /** Uses left in total and for this customer (null = unlimited). */
  remainingTotal?: number | null | undefined;
  remainingForCustomer?: number | null | undefined;
}

export interface LoyaltyAccount {
  customerId: string;
  segment: string;
  balance: number;
  /** Value of the whole balance in dollars at the current redeem rate. */
  balanceValue: number;
  program: LoyaltyProgram;
}

export const LOYALTY_KINDS = ['earn', 'redeem', 'restore', 'adjust', 'expire'] as const;
export type LoyaltyKind = (typeof LOYALTY_KINDS)[number];

export interface LoyaltyTransaction {
  id: number;
  customerId: string;
  kind: LoyaltyKind;
  /** Signed: negative for redeem / expire. */
  points: number;
  balanceAfter: number;
  reason: string;
  orderId: string | null;
  createdAt: string;
}

/** Result of an idempotent write keyed by order id: `replayed` is true when the effect already existed. */
export interface LoyaltyChange {
  transaction: LoyaltyTransaction;
  balance: number;
  replayed: boolean;
}

export type CouponApplication =
  | { orderId: string; quoteId: string; now: Date }
  | { orderId: string; code: string; customerId: string; now: Date };

export interface CouponRedemption {
  code: string;
  customerId: string;
  orderId: string;
  quoteId: string | null;
  discount: number;
  appliedAt: string;
  releasedAt: string | null;
}

/**
 * The pricing system of record: what the MCP tools and the OMS (through its PricingPort) use. A real pricing engine
 * adapter implements this interface. Write methods must run inside one transaction (the action runtime gives tools
 * one); the ones keyed by order id are idempotent.
 */
export interface PricingBackend {
  getVariantPrice(itemId: string, at: Date): Promise<VariantPrice | undefined>;
  getVariantPrices(itemIds: readonly string[], at: Date): Promise<VariantPrice[]>;
  getPriceHistory(itemId: string): Promise<VariantPrice[]>;
  /**
   * Prices that took effect in (`since`, `until`], oldest first, for incremental consumers (e.g. the catalog index):
   * pass the last row's `validFrom` as the next `since`.
   */
  listPriceChanges(options: { since: Date; until: Date; limit: number }): Promise<VariantPrice[]>;
  /** Sets a new list price from `validFrom`; the previous price stays as history (closed at `validFrom`). */
  setListPrice(input: ListPriceInput): Promise<VariantPrice>;

  savePromotion(definition: PromotionDefinition): Promise<void>;
  saveCoupon(definition: CouponDefinition): Promise<void>;
  getLoyaltyProgram(): Promise<LoyaltyProgram>;

  /** Prices a cart and persists the quote; refuses (changing nothing) on unknown items, bad coupons or points. */
  quoteCart(request: QuoteRequest): Promise<Quote>;
  getQuote(quoteId: string): Promise<Quote | undefined>;

  validateCoupon(input: { code: string; customerId: string; subtotal?: number | undefined; now: Date }): Promise<CouponValidation>;
  /**
   * Records a coupon as used by `orderId`, re-checking its window, limits and segment. Give the quote it was priced in
   * (its discount is recorded, its minimum subtotal re-checked), or the code and customer directly. Idempotent per order.
   */
  applyCoupon(input: CouponApplication): Promise<{ redemption: CouponRedemption; replayed: boolean }>;
  /** Releases the coupon use of `orderId` so it counts no more. Idempotent. */
  releaseCoupon(input: { orderId: string; now: Date }): Promise<{ redemption: CouponRedemption; replayed: boolean }>;
  getCouponRedemption(orderId: string): Promise<CouponRedemption | undefined>;

  /**
   * `lock` (inside a write's transaction): hold the account's row until the transaction ends, so the balance the
   * caller decides on cannot change before its write (write tools' assessments); the write may then reuse that read.
   */
  getLoyaltyAccount(customerId: string, options?: { lock?: boolean }): Promise<LoyaltyAccount | undefined>;
  getLoyaltyHistory(customerId: string, options: { limit: number; beforeId?: number | undefined }): Promise<LoyaltyTransaction[]>;
  /** Debits points for an order; refused beyond the balance. Idempotent per order (same points), CONFLICT otherwise. */
  redeemLoyaltyPoints(input: { customerId: string; orderId: string; points: number; reason?: string | undefined; now: Date }): Promise<LoyaltyChange>;
  /** Credits back the points redeemed for an order. Idempotent per order. */
  restoreLoyaltyPoints(input: { orderId: string; customerId?: string | undefined; reason?: string | undefined; now: Date }): Promise<LoyaltyChange>;
  /** Credits points earned by an order. Idempotent per order. */
  earnLoyaltyPoints(input: { customerId: string; orderId: string; points: number; reason?: string | undefined; now: Date }): Promise<LoyaltyChange>;
  getLoyaltyRedemption(orderId: string): Promise<LoyaltyTransaction | undefined>;
}
