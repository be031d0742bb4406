import { GiftCardLedger } from './gift-card-ledger.ts';
import { requireGiftCardCovers, requirePaymentMethod, requireStatus } from './order-checks.ts';
import type { OrderChange } from './order-change.ts';
import { repriceItems } from './price-difference.ts';
import type { Order, Product, User } from './records.ts';

/**
 * Swaps items of a pending order for other available variants of the same products. The difference is paid
 * with (or refunded to) one payment method; the order becomes 'pending (item modified)' and can't be modified again.
 * The payment-history amount is the unrounded sum of differences (τ-bench), or the list-price difference rounded to
 * cents for an order placed with create_order (see `repriceItems`); gift-card balances are rounded to cents.
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
  const { difference, replaceItems } = repriceItems(order, itemIds, newItemIds, products);
  const method = requirePaymentMethod(user, order.user_id, paymentMethodId);
  requireGiftCardCovers(method, difference, `the new items of order ${order.order_id}`);
  const ledger = new GiftCardLedger(user);
  ledger.add(paymentMethodId, -difference);

  return {
    orderId: order.order_id,
    status: 'pending (item modified)',
    replaceItems,
    appendTransactions: [{ transaction_type: difference > 0 ? 'payment' : 'refund', amount: Math.abs(difference), payment_method_id: paymentMethodId }],
    giftCardBalances: ledger.changes(),
  };
}
