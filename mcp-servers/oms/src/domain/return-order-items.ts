import { invalidArgument } from '@agentic-commerce/kit';
import { requireItemsInOrder, requirePaymentMethod, requireStatus } from './order-checks.ts';
import type { OrderChange } from './order-change.ts';
import type { Order, User } from './records.ts';

/**
 * Requests a return of delivered items. The refund goes to the original payment method or to one of the
 * customer's gift cards; the order becomes 'return requested' and the customer gets return instructions.
 */
export function returnDeliveredOrderItems(order: Order, user: User, itemIds: readonly string[], paymentMethodId: string): OrderChange {
  requireStatus(order, 'delivered', 'returned');
  const method = requirePaymentMethod(user, order.user_id, paymentMethodId);
  const original = order.payment_history[0]?.payment_method_id;
  if (method.source !== 'gift_card' && paymentMethodId !== original) {
    throw invalidArgument(`a refund for order ${order.order_id} must go to the original payment method (${original}) or to a gift card, not ${paymentMethodId}`);
  }
  requireItemsInOrder(order, itemIds);
  return { orderId: order.order_id, status: 'return requested', returnRequest: { itemIds: [...itemIds], paymentMethodId } };
}
