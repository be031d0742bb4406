import { applyOrderChange } from '../domain/order-change.ts';
import { exchangeDeliveredOrderItems as exchangeRule } from '../domain/exchange-order-items.ts';
import { itemIdsField, newItemIdsField, orderIdField, paymentMethodIdField } from './fields.ts';
import { orderAndOwner, orderFacts, orderFor, userFor } from './order-access.ts';
import { orderOutput } from './order-output.ts';
import { productsOfItems } from './order-products.ts';
import { tool } from './tool.ts';

export const exchangeDeliveredOrderItems = tool({
  name: 'exchange_delivered_order_items',
  title: 'Exchange delivered order items',
  description:
    "Request an exchange of items of a delivered order for other available variants of the same product (status 'delivered'; return or exchange only once per order, so collect every item first). One payment method pays or receives the price difference; a gift card must cover it. Get the customer's explicit yes first.",
  kind: 'write',
  effects: 'backend',
  action: 'order.exchange',
  compensation: { none: 'final: a delivered order is exchanged or returned once (the exchange tool can only be called once), so the request is not withdrawn' },
  input: { order_id: orderIdField, item_ids: itemIdsField('exchanged'), new_item_ids: newItemIdsField, payment_method_id: paymentMethodIdField },
  output: orderOutput,
  async assess({ order_id, item_ids, new_item_ids, payment_method_id }, ctx) {
    const { order, user } = await orderAndOwner(ctx, order_id);
    const change = exchangeRule(order, user, await productsOfItems(ctx, order, item_ids), item_ids, new_item_ids, payment_method_id);
    return orderFacts(ctx, order, Math.abs(change.exchangeRequest?.priceDifference ?? 0));
  },
  async handler({ order_id, item_ids, new_item_ids, payment_method_id }, ctx) {
    const { order, user } = await orderAndOwner(ctx, order_id);
    const change = exchangeRule(order, user, await productsOfItems(ctx, order, item_ids), item_ids, new_item_ids, payment_method_id);
    await ctx.backend.applyOrderChange(change, ctx.now());
    return applyOrderChange(order, change);
  },
});
