import { applyOrderChange } from '../domain/order-change.ts';
import { modifyPendingOrderPayment as paymentRule } from '../domain/modify-order-payment.ts';
import { orderIdField, paymentMethodIdField } from './fields.ts';
import { orderAndOwner, orderFacts, orderFor, userFor } from './order-access.ts';
import { orderOutput } from './order-output.ts';
import { tool } from './tool.ts';

export const modifyPendingOrderPayment = tool({
  name: 'modify_pending_order_payment',
  title: 'Modify pending order payment',
  description:
    "Pay a pending order with a different payment method of the same customer (status 'pending', exactly one payment so far). A gift card must cover the whole amount. Get the customer's explicit yes first. The old method is refunded (gift cards at once).",
  kind: 'write',
  effects: 'backend',
  action: 'order.modify_payment',
  compensation: { none: 'final: the old method is refunded and an order whose payment changed has two payments, which this tool refuses to change again' },
  input: { order_id: orderIdField, payment_method_id: paymentMethodIdField },
  output: orderOutput,
  async assess({ order_id, payment_method_id }, ctx) {
    const { order, user } = await orderAndOwner(ctx, order_id);
    const change = paymentRule(order, user, payment_method_id);
    return orderFacts(ctx, order, change.appendTransactions?.[0]?.amount ?? 0);
  },
  async handler({ order_id, payment_method_id }, ctx) {
    const { order, user } = await orderAndOwner(ctx, order_id);
    const change = paymentRule(order, user, payment_method_id);
    await ctx.backend.applyOrderChange(change, ctx.now());
    return applyOrderChange(order, change);
  },
});
