import { registerTools, type ActionRuntime, type AnyToolDefinition, type BackendFactory } from '@agentic-commerce/kit';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { PricingBackend } from './store/pricing-backend.ts';
import { applyCoupon } from './tools/apply-coupon.ts';
import { getLoyaltyBalance } from './tools/get-loyalty-balance.ts';
import { getLoyaltyHistory } from './tools/get-loyalty-history.ts';
import { getVariantPrice } from './tools/get-variant-price.ts';
import { quoteCart } from './tools/quote-cart.ts';
import { redeemLoyaltyPoints } from './tools/redeem-loyalty-points.ts';
import { releaseCoupon } from './tools/release-coupon.ts';
import { restoreLoyaltyPoints } from './tools/restore-loyalty-points.ts';
import { validateCoupon } from './tools/validate-coupon.ts';

export interface PricingServerOptions {
  runtime: ActionRuntime;
  /** e.g. `sqlPricingBackend('pricing')`; writes get it bound to their transaction. */
  backend: BackendFactory<PricingBackend>;
}

export const PRICING_SERVER_NAME = 'pricing';

/** Every pricing tool, reads first. */
export const pricingTools: readonly AnyToolDefinition<PricingBackend>[] = [
  getVariantPrice,
  quoteCart,
  validateCoupon,
  getLoyaltyBalance,
  getLoyaltyHistory,
  redeemLoyaltyPoints,
  restoreLoyaltyPoints,
  applyCoupon,
  releaseCoupon,
];

/** The pricing MCP server: the only place its tools are wired. */
export function createPricingServer({ runtime, backend }: PricingServerOptions): McpServer {
  const server = new McpServer(
    { name: PRICING_SERVER_NAME, version: '0.1.0' },
    {
      instructions:
        'List prices, promotions, coupons, loyalty points and cart quotes. Quote a cart (quote_cart) before placing an order; ' +
        'every amount in a quote is explained. Loyalty and coupon writes are keyed by order id.',
    },
  );
  registerTools(server, 'pricing', pricingTools, runtime, backend);
  return server;
}
