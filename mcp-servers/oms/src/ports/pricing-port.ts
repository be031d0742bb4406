import type { InventoryPort } from './inventory-port.ts';

/** A priced cart line of a quote. */
export interface QuoteLine {
  itemId: string;
  productId: string;
  quantity: number;
  /** Unit price after line discounts, in USD. */
  unitPrice: number;
}

/** The address a quote's tax and shipping were computed for. */
export interface QuoteShipTo {
  address1: string;
  address2?: string | undefined;
  city: string;
  state: string;
  country: string;
  zip: string;
}

/** What the OMS needs from a pricing quote to place an order. */
export interface PricedQuote {
  quoteId: string;
  customerId: string;
  lines: QuoteLine[];
  /** What the customer pays, in USD (after promotions, coupon, loyalty, shipping and tax). */
  total: number;
  couponCode?: string | undefined;
  loyaltyPoints?: number | undefined;
  /** ISO timestamp after which the quote may not be used. */
  expiresAt: string;
  /**
   * Where the quote's tax and shipping were computed for: the order ships there by default, and an order address in
   * another country, state or zip is refused. Absent: the pricing system does not say (any address is accepted).
   */
  shipTo?: QuoteShipTo | undefined;
}

/**
 * How the OMS reaches the pricing system (the world wires it to the pricing backend). Redeeming and applying
 * take a `reference` (the order id) so a retry never redeems twice; each has its compensation.
 */
export interface PricingPort {
  getQuote(quoteId: string): Promise<PricedQuote | undefined>;
  /** Records the quote's coupon as used by the order (`reference`), with the discount the quote gave for it. */
  applyCoupon(request: { quoteId: string; code: string; customerId: string; reference: string }): Promise<{ redemptionId: string }>;
  releaseCoupon(request: { redemptionId: string; reason: string }): Promise<void>;
  redeemLoyaltyPoints(request: { customerId: string; points: number; reference: string }): Promise<{ redemptionId: string }>;
  restoreLoyaltyPoints(request: { redemptionId: string; reason: string }): Promise<void>;
}

/** The other systems the OMS talks to; absent ports make `create_order` answer UNAVAILABLE. */
export interface OmsPorts {
  inventory?: InventoryPort | undefined;
  pricing?: PricingPort | undefined;
}
