import { requireGiftCardCovers, requirePaymentMethod, requireStatus } from './order-checks.ts';
import type { OrderChange } from './order-change.ts';
import { priceDifference } from './price-difference.ts';
import { roundCents } from './python-round.ts';
import type { Order, Product, User } from './records.ts';

/**
 * Requests an exchange of delivered items for available variants of the same products. Nothing is charged yet (balances
 * change when the exchange is settled): the order becomes 'exchange requested' with the rounded price difference and the method that settles it.
 */
export function exchangeDeliveredOrderItems(
  order: Order,
  user: User,
  products: ReadonlyMap<string, Product>,
  itemIds: readonly string[],
  newItemIds: readonly string[],
  paymentMethodId: string,
): OrderChange {
  requireStatus(order, 'delivered', 'exchanged');
  const difference = roundCents(priceDifference(order, itemIds, newItemIds, products));
  const method = requirePaymentMethod(user, order.user_id, paymentMethodId);
  requireGiftCardCovers(method, difference, `the exchange on order ${order.order_id}`);
  return {
    orderId: order.order_id,
    status: 'exchange requested',
    exchangeRequest: {
      pairs: itemIds.map((itemId, index) => ({ itemId, newItemId: newItemIds[index] ?? '' })),
      paymentMethodId,
      priceDifference: difference,
    },
  };
}
