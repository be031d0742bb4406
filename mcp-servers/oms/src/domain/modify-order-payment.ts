import { failedPrecondition, invalidArgument } from '@agentic-commerce/kit';
import { GiftCardLedger } from './gift-card-ledger.ts';
import { requireGiftCardCovers, requirePaymentMethod, requireStatus } from './order-checks.ts';
import type { OrderChange } from './order-change.ts';
import type { Order, User } from './records.ts';

/**
 * Moves the single payment of a pending order to another method of the same customer: a payment on the new
 * method, a refund to the old one; gift cards are charged / credited at once.
 */
export function modifyPendingOrderPayment(order: Order, user: User, paymentMethodId: string): OrderChange {
  requireStatus(order, 'pending', 'modified');
  const method = requirePaymentMethod(user, order.user_id, paymentMethodId);
  const [original, ...rest] = order.payment_history;
  if (!original || rest.length > 0 || original.transaction_type !== 'payment') {
    throw failedPrecondition(
      `order ${order.order_id} has ${order.payment_history.length} payment transactions; its payment method can only be changed while it has exactly one payment`,
    );
  }
  if (original.payment_method_id === paymentMethodId) {
    throw invalidArgument(`order ${order.order_id} is already paid with ${paymentMethodId}; choose a different payment method`);
  }
  const amount = original.amount;
  requireGiftCardCovers(method, amount, `order ${order.order_id}`);
  const ledger = new GiftCardLedger(user);
  ledger.add(paymentMethodId, -amount);
  ledger.add(original.payment_method_id, amount);
  return {
    orderId: order.order_id,
    appendTransactions: [
      { transaction_type: 'payment', amount, payment_method_id: paymentMethodId },
      { transaction_type: 'refund', amount, payment_method_id: original.payment_method_id },
    ],
    giftCardBalances: ledger.changes(),
  };
}
