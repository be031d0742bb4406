import { applyOrderChange } from '../domain/order-change.ts';
import { modifyPendingOrderItems as itemsRule } from '../domain/modify-order-items.ts';
import type { OmsPorts } from '../ports/pricing-port.ts';
import { itemIdsField, newItemIdsField, orderIdField, paymentMethodIdField } from './fields.ts';
import { orderAndOwner, orderFacts, orderFor, userFor } from './order-access.ts';
import { orderOutput } from './order-output.ts';
import { productsOfItems } from './order-products.ts';
import { replaceStockReservation } from './replace-stock-reservation.ts';
import { tool } from './tool.ts';

/** Swaps items of a pending order; with an inventory port, its stock reservation moves to the new items too. */
export const modifyPendingOrderItemsTool = (ports: OmsPorts = {}) =>
  tool({
    name: 'modify_pending_order_items',
    title: 'Modify pending order items',
    description:
      "Swap items of a pending order for other available variants of the same product (e.g. another size), paying or refunding the difference with one payment method. Can be done only once per order: collect every item to change first, then get the customer's explicit yes. The order becomes 'pending (item modified)'.",
    kind: 'write',
    action: 'order.modify_items',
    compensation: { none: "final: items of a pending order can be modified once (status 'pending (item modified)' refuses further changes and cancellation)" },
    input: { order_id: orderIdField, item_ids: itemIdsField('modified'), new_item_ids: newItemIdsField, payment_method_id: paymentMethodIdField },
    output: orderOutput,
    async assess({ order_id, item_ids, new_item_ids, payment_method_id }, ctx) {
      const { order, user } = await orderAndOwner(ctx, order_id);
      const change = itemsRule(order, user, await productsOfItems(ctx, order, item_ids), item_ids, new_item_ids, payment_method_id);
      return orderFacts(ctx, order, change.appendTransactions?.[0]?.amount ?? 0);
    },
    async handler({ order_id, item_ids, new_item_ids, payment_method_id }, ctx) {
      const { order, user } = await orderAndOwner(ctx, order_id);
      const change = itemsRule(order, user, await productsOfItems(ctx, order, item_ids), item_ids, new_item_ids, payment_method_id);
      const after = applyOrderChange(order, change);
      const reason = `items of order ${order_id} modified`;
      await replaceStockReservation(ctx, ports, { before: order, after, reason }, () => ctx.backend.applyOrderChange(change, ctx.now()));
      return after;
    },
  });
