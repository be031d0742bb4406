import { BACK_OFFICE, notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { money, orderId, quoteId, replayed } from './fields.ts';
import { tool } from './tool.ts';

const noQuote = (id: string) => `no quote ${id}`;

export const redemptionOutput = {
  order_id: z.string().describe('order id'),
  code: z.string().describe('coupon code'),
  customer_id: z.string().describe('customer id'),
  quote_id: z.string().nullable().describe('quote the discount was priced in'),
  discount: money('discount the coupon gave'),
  applied_at: z.string().describe('ISO-8601 time the use was recorded'),
  released_at: z.string().nullable().describe('ISO-8601 time the use was released; null while in use'),
  replayed,
};

export const applyCoupon = tool({
  name: 'apply_coupon',
  title: 'Apply a coupon to an order',
  description:
    'Use to record that an order uses the coupon priced in its quote (create_order does this itself). Re-checks expiry and usage limits ' +
    'and refuses with the reason. Keyed by order id: repeating it has no second effect. Undo with release_coupon.',
  kind: 'write',
  callers: BACK_OFFICE, // keyed by an OMS order id this server cannot tie to a customer
  effects: 'backend',
  action: 'coupon.apply',
  annotations: { idempotentHint: true },
  input: { quote_id: quoteId, order_id: orderId },
  output: redemptionOutput,
  async assess({ quote_id, order_id }, ctx) {
    const quote = await ctx.backend.getQuote(quote_id);
    if (!quote) throw notFound(noQuote(quote_id));
    await ctx.access.assertCustomer(quote.customer_id, noQuote(quote_id));
    const discount = quote.order_adjustments.find((a) => a.source === 'coupon')?.amount ?? 0;
    return { customerId: quote.customer_id, orderId: order_id, amount: discount, attributes: { code: quote.coupon_code ?? '' } };
  },
  // replayed: the order already used the coupon before this call, which created nothing for a compensation to release.
  compensation: { tool: 'release_coupon', args: (input, output) => (output.replayed ? null : { order_id: input.order_id }) },
  async handler({ quote_id, order_id }, ctx) {
    const { redemption: r, replayed } = await ctx.backend.applyCoupon({ quoteId: quote_id, orderId: order_id, now: ctx.now() });
    return { order_id: r.orderId, code: r.code, customer_id: r.customerId, quote_id: r.quoteId, discount: r.discount, applied_at: r.appliedAt, released_at: r.releasedAt, replayed };
  },
});
