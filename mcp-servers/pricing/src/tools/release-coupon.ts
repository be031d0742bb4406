import { BACK_OFFICE, notFound } from '@agentic-commerce/kit';
import { orderId } from './fields.ts';
import { redemptionOutput } from './apply-coupon.ts';
import { tool } from './tool.ts';

const noCoupon = (id: string) => `no coupon was applied to order ${id}`;

export const releaseCoupon = tool({
  name: 'release_coupon',
  title: 'Release a coupon use',
  description:
    'Use when an order that used a coupon did not go ahead (the undo of apply_coupon): the use no longer counts toward the coupon\'s limits. ' +
    'Repeating it has no second effect.',
  kind: 'write',
  callers: BACK_OFFICE, // keyed by an OMS order id this server cannot tie to a customer
  effects: 'backend',
  action: 'coupon.release',
  compensation: { none: 'undoes apply_coupon; apply the coupon again to use it' },
  annotations: { idempotentHint: true, destructiveHint: false },
  input: { order_id: orderId },
  output: redemptionOutput,
  async assess({ order_id }, ctx) {
    const redemption = await ctx.backend.getCouponRedemption(order_id);
    if (!redemption) throw notFound(noCoupon(order_id));
    await ctx.access.assertCustomer(redemption.customerId, noCoupon(order_id));
    return { customerId: redemption.customerId, orderId: order_id, amount: redemption.discount, attributes: { code: redemption.code } };
  },
  async handler({ order_id }, ctx) {
    const { redemption: r, replayed } = await ctx.backend.releaseCoupon({ orderId: order_id, now: ctx.now() });
    return { order_id: r.orderId, code: r.code, customer_id: r.customerId, quote_id: r.quoteId, discount: r.discount, applied_at: r.appliedAt, released_at: r.releasedAt, replayed };
  },
});
