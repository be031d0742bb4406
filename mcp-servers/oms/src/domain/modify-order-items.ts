import { GiftCardLedger } from './gift-card-ledger.ts';
import { requireGiftCardCovers, requirePaymentMethod, requireStatus } from './order-checks.ts';
import type { OrderChange } from './order-change.ts';
import { priceDifference } from './price-difference.ts';
import type { Order, OrderItem, Product, User } from './records.ts';

/**
 * Swaps items of a pending order for other available variants of the same products. The difference is paid
 * with (or refunded to) one payment method; the order becomes 'pending (item modified)' and can't be modified again.
 * The payment-history amount is the unrounded sum of differences; gift-card balances are rounded to cents.
 */
export function modifyPendingOrderItems(
  order: Order,
  user: User,
  products: ReadonlyMap<string, Product>,
  itemIds: readonly string[],
  newItemIds: readonly string[],
  paymentMethodId: string,
): OrderChange {
  requireStatus(order, 'pending', 'modified');
  const difference = priceDifference(order, itemIds, newItemIds, products);
  const method = requirePaymentMethod(user, order.user_id, paymentMethodId);
  requireGiftCardCovers(method, difference, `the new items of order ${order.order_id}`);
  const ledger = new GiftCardLedger(user);
  ledger.add(paymentMethodId, -difference);

  // Replace pair by pair, each time the first line still carrying the old id (as the benchmark does).
  const items = order.items.map((item) => ({ ...item }));
  const replaceItems: { position: number; item: OrderItem }[] = [];
  itemIds.forEach((itemId, index) => {
    const position = items.findIndex((i) => i.item_id === itemId);
    const line = items[position];
    const variant = products.get(line?.product_id ?? '')?.variants[newItemIds[index] ?? ''];
    if (!line || !variant) return; // validated by priceDifference
    const item: OrderItem = { ...line, item_id: variant.item_id, price: variant.price, options: { ...variant.options } };
    items[position] = item;
    replaceItems.push({ position, item });
  });

  return {
    orderId: order.order_id,
    status: 'pending (item modified)',
    replaceItems,
    appendTransactions: [{ transaction_type: difference > 0 ? 'payment' : 'refund', amount: Math.abs(difference), payment_method_id: paymentMethodId }],
    giftCardBalances: ledger.changes(),
  };
}
