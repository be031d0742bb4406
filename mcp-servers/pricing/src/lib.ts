/** Library surface of @agentic-commerce/pricing (the runnable entry is src/index.ts). */
export { createPricingServer, pricingTools, PRICING_SERVER_NAME, type PricingServerOptions } from './server.ts';
export * from './store/pricing-backend.ts';
export { sqlPricingBackend } from './store/sql-pricing-backend.ts';
export { pricingMigrations } from './store/migrations.ts';
export * from './store/bulk-load.ts';
export { noLoyaltyAccount } from './store/sql-loyalty.ts';
export * from './domain/types.ts';
export * from './domain/definitions.ts';
export { quoteSchema, shipToSchema, toQuoteDocument, type Quote } from './domain/quote-document.ts';
export type { ShipTo } from './domain/ship-to.ts';
export { priceCart, STACKING_RULES, type CartPricing, type CartPricingInput } from './domain/price-cart.ts';
export { ROUNDING_RULE, toCents, fromCents } from './domain/money.ts';
export { checkCoupon, COUPON_REFUSALS, type CouponRefusal } from './domain/coupon-rules.ts';
export { redeemValueCents, pointsEarnedOn } from './domain/loyalty-rules.ts';
export { US_STATE_SALES_TAX_2024 } from './domain/us-state-sales-tax.ts';
