import { invalidArgument, notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { itemId, money } from './fields.ts';
import { tool } from './tool.ts';

const pricePeriod = z.object({
  price: money('list price'),
  valid_from: z.string().describe('ISO-8601 start (inclusive)'),
  valid_to: z.string().nullable().describe('ISO-8601 end (exclusive); null = still current'),
});

export const getVariantPrice = tool({
  name: 'get_variant_price',
  title: 'Get variant price',
  description:
    'Use to tell a shopper the list price of one variant (item id), now or at a past time, optionally with its price history. ' +
    'The list price is before promotions; use quote_cart for what a cart actually costs.',
  kind: 'read',
  input: {
    item_id: itemId,
    at: z.string().datetime({ offset: true }).optional().describe('ISO-8601 time to price at; default now'),
    include_history: z.boolean().default(false).describe('also return every past and future price period'),
  },
  output: {
    item_id: z.string().describe('variant (item) id'),
    product_id: z.string().describe('product id'),
    category: z.string().nullable().describe('category used by promotions'),
    price: money('list price at the requested time'),
    currency: z.literal('USD').describe('currency'),
    valid_from: z.string().describe('ISO-8601 start of this price'),
    valid_to: z.string().nullable().describe('ISO-8601 end of this price; null = current'),
    history: z.array(pricePeriod).optional().describe('all price periods, oldest first (when include_history)'),
  },
  async handler({ item_id, at, include_history }, ctx) {
    const when = at === undefined ? ctx.now() : new Date(at);
    if (Number.isNaN(when.getTime())) throw invalidArgument(`"at" must be an ISO-8601 time, got "${at}"`);
    const price = await ctx.backend.getVariantPrice(item_id, when);
    if (!price) throw notFound(`item ${item_id} has no list price at ${when.toISOString()}; check the item id (e.g. from get_product_details)`);
    const history = include_history
      ? (await ctx.backend.getPriceHistory(item_id)).map((p) => ({ price: p.price, valid_from: p.validFrom, valid_to: p.validTo }))
      : undefined;
    return {
      item_id: price.itemId,
      product_id: price.productId,
      category: price.category,
      price: price.price,
      currency: 'USD' as const,
      valid_from: price.validFrom,
      valid_to: price.validTo,
      ...(history ? { history } : {}),
    };
  },
});
