import { z } from 'zod';
import { quoteSchema, shipToSchema } from '../domain/quote-document.ts';
import { MAX_QUOTE_LINES } from '../store/sql-quotes.ts';
import { itemId } from './fields.ts';
import { optionalCustomerId, resolveCustomer } from './resolve-customer.ts';
import { tool } from './tool.ts';

export const quoteCart = tool({
  name: 'quote_cart',
  title: 'Quote a cart',
  description:
    'Use before placing an order, or when a shopper asks what a cart costs: prices the lines with active promotions, an optional coupon and ' +
    'optional loyalty points, plus shipping for the service level and sales tax for the ship-to state. Every amount is explained per line. ' +
    'The quote is saved with an id and an expiry; pass quote_id to create_order. Quoting changes no balance and uses up no coupon.',
  // A quote is a priced snapshot: it reserves nothing and moves no money or points, so it is a read for policy purposes.
  kind: 'read',
  input: {
    customer_id: optionalCustomerId,
    lines: z
      .array(z.object({ item_id: itemId, quantity: z.number().int().min(1).max(1000).describe('units, 1-1000') }).describe('one cart line'))
      .min(1)
      .max(MAX_QUOTE_LINES)
      .describe(`cart lines, 1-${MAX_QUOTE_LINES}, each item once`),
    coupon_code: z.string().min(1).max(40).optional().describe('coupon code to apply (case-insensitive)'),
    loyalty_points: z.number().int().min(0).optional().describe('loyalty points to redeem as payment; at most the balance and the total'),
    shipping_address: shipToSchema.describe('where the order ships (sets tax and shipping)'),
    service_level: z.string().min(1).default('standard').describe('shipping service level: standard, express or overnight'),
  },
  output: quoteSchema,
  async handler(input, ctx) {
    const customerId = await resolveCustomer(input.customer_id, ctx, (id) => `customer ${id} not found`);
    return ctx.backend.quoteCart({
      customerId,
      lines: input.lines.map((l) => ({ itemId: l.item_id, quantity: l.quantity })),
      couponCode: input.coupon_code,
      loyaltyPoints: input.loyalty_points,
      shipTo: input.shipping_address,
      serviceLevel: input.service_level,
      now: ctx.now(),
    });
  },
});
