import { invalidArgument } from '@agentic-commerce/kit';
import { GiftCardLedger } from './gift-card-ledger.ts';
import { requireStatus } from './order-checks.ts';
import type { OrderChange } from './order-change.ts';
import type { Order, Transaction, User } from './records.ts';

export const CANCEL_REASONS = ['no longer needed', 'ordered by mistake'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/**
 * Cancels a pending order: every entry of its payment history is refunded to the same method; gift cards are
 * credited at once (rounded to cents), other methods in 5-7 business days.
 */
export function cancelPendingOrder(order: Order, user: User, reason: string): OrderChange {
  requireStatus(order, 'pending', 'cancelled');
  if (!(CANCEL_REASONS as readonly string[]).includes(reason)) {
    throw invalidArgument(`cancellation reason "${reason}" is not accepted; use one of: ${CANCEL_REASONS.map((r) => `"${r}"`).join(', ')}`);
  }
  const ledger = new GiftCardLedger(user);
  const refunds: Transaction[] = order.payment_history.map((payment) => {
    ledger.add(payment.payment_method_id, payment.amount);
    return { transaction_type: 'refund', amount: payment.amount, payment_method_id: payment.payment_method_id };
  });
  return {
    orderId: order.order_id,
    status: 'cancelled',
    cancelReason: reason,
    appendTransactions: refunds,
    giftCardBalances: ledger.changes(),
  };
}
