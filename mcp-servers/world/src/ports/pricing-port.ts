import { notFound, type BackendFactory } from '@agentic-commerce/kit';
import type { PricedQuote, PricingPort } from '@agentic-commerce/oms';
import type { PricingBackend, Quote } from '@agentic-commerce/pricing';
import type { TransactionScope } from './transaction-scope.ts';

/** A pricing quote as the OMS reads it: unit prices after line discounts, the amount the payment method is charged, the ship-to it was taxed for. */
export function pricedQuote(quote: Quote): PricedQuote {
  return {
    quoteId: quote.quote_id,
    customerId: quote.customer_id,
    lines: quote.lines.map((l) => ({ itemId: l.item_id, productId: l.product_id, quantity: l.quantity, unitPrice: Math.round((l.net_amount / l.quantity) * 100) / 100 })),
    total: quote.amount_due,
    couponCode: quote.coupon_code ?? undefined,
    loyaltyPoints: quote.loyalty.points_redeemed,
    expiresAt: quote.expires_at,
    shipTo: { ...quote.ship_to },
  };
}

/**
 * The OMS's PricingPort on the pricing backend. Coupon uses and point redemptions are keyed by order in pricing,
 * so the handles the OMS keeps (`redemptionId`) are the order id.
 */
export function pricingPort(pricing: BackendFactory<PricingBackend>, scope: TransactionScope, now: () => Date): PricingPort {
  const backend = () => pricing(scope.current());
  return {
    async getQuote(quoteId) {
      const quote = await backend().getQuote(quoteId);
      return quote && pricedQuote(quote);
    },
    async applyCoupon({ quoteId, reference }) {
      // by quote: pricing re-checks the coupon against it and records the discount it gave (code and customer are the quote's)
      await backend().applyCoupon({ orderId: reference, quoteId, now: now() });
      return { redemptionId: reference };
    },
    async releaseCoupon({ redemptionId }) {
      await backend().releaseCoupon({ orderId: redemptionId, now: now() });
    },
    async redeemLoyaltyPoints({ customerId, points, reference }) {
      await backend().redeemLoyaltyPoints({ customerId, orderId: reference, points, now: now() });
      return { redemptionId: reference };
    },
    async restoreLoyaltyPoints({ redemptionId, reason }) {
      const redemption = await backend().getLoyaltyRedemption(redemptionId);
      if (!redemption) throw notFound(`no loyalty redemption for order ${redemptionId}`);
      await backend().restoreLoyaltyPoints({ customerId: redemption.customerId, orderId: redemptionId, reason, now: now() });
    },
  };
}
