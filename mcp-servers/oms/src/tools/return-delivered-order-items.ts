import { applyOrderChange } from '../domain/order-change.ts';
import { returnDeliveredOrderItems as returnRule } from '../domain/return-order-items.ts';
import { sumInCents } from './money-sum.ts';
import { itemIdsField, orderIdField, paymentMethodIdField } from './fields.ts';
import { orderAndOwner, orderFacts, orderFor, userFor } from './order-access.ts';
import { orderOutput } from './order-output.ts';
import { tool } from './tool.ts';

/** Sum of the prices of the returned lines (each id counted as often as listed), added in cents. */
function refundOf(order: { items: { item_id: string; price: number }[] }, itemIds: readonly string[]): number {
  return sumInCents(itemIds.map((id) => order.items.find((i) => i.item_id === id)?.price ?? 0));
}

export const returnDeliveredOrderItems = tool({
  name: 'return_delivered_order_items',
  title: 'Return delivered order items',
  description:
    "Request a return of items of a delivered order (status 'delivered'; return or exchange only once per order). The refund goes to the original payment method or to one of the customer's gift cards. Get the customer's explicit yes first. The order becomes 'return requested' and the customer gets return instructions by email.",
  kind: 'write',
  effects: 'backend',
  action: 'order.return',
  compensation: { none: 'final: a delivered order is returned or exchanged once, and the refund follows when the items arrive' },
  input: { order_id: orderIdField, item_ids: itemIdsField('returned'), payment_method_id: paymentMethodIdField },
  output: orderOutput,
  async assess({ order_id, item_ids, payment_method_id }, ctx) {
    const { order, user } = await orderAndOwner(ctx, order_id);
    returnRule(order, user, item_ids, payment_method_id);
    return orderFacts(ctx, order, refundOf(order, item_ids));
  },
  async handler({ order_id, item_ids, payment_method_id }, ctx) {
    const { order, user } = await orderAndOwner(ctx, order_id);
    const change = returnRule(order, user, item_ids, payment_method_id);
    await ctx.backend.applyOrderChange(change, ctx.now());
    return applyOrderChange(order, change);
  },
});
