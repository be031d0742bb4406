import { invalidArgument } from '@agentic-commerce/kit';
import { GiftCardLedger } from './gift-card-ledger.ts';
import { requireStatus } from './order-checks.ts';
import type { OrderChange } from './order-change.ts';
import type { Order, Transaction, User } from './records.ts';

export const CANCEL_REASONS = ['no longer needed', 'ordered by mistake'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/**
 * Cancels a pending order: what each payment method paid, less what was already refunded to it (a payment-method
 * change leaves the old method's payment and its refund in the history), is refunded to that method; gift cards are
 * credited at once (rounded to cents), other methods in 5-7 business days. For an order paid once — every τ-bench
 * pending order — this is τ-bench's own refund; τ-bench's code refunded every history entry, refunds included, so a
 * cancel after a payment change paid back two to three times what was paid.
 */
export function cancelPendingOrder(order: Order, user: User, reason: string): OrderChange {
  requireStatus(order, 'pending', 'cancelled');
  if (!(CANCEL_REASONS as readonly string[]).includes(reason)) {
    throw invalidArgument(`cancellation reason "${reason}" is not accepted; use one of: ${CANCEL_REASONS.map((r) => `"${r}"`).join(', ')}`);
  }
  const ledger = new GiftCardLedger(user);
  const netCents = new Map<string, number>(); // by method, in the order methods first appear
  for (const t of order.payment_history) {
    const cents = Math.round(t.amount * 100) * (t.transaction_type === 'refund' ? -1 : 1);
    netCents.set(t.payment_method_id, (netCents.get(t.payment_method_id) ?? 0) + cents);
  }
  const refunds: Transaction[] = [];
  for (const [method, cents] of netCents) {
    if (cents <= 0) continue;
    const paid = order.payment_history.filter((t) => t.payment_method_id === method && t.transaction_type !== 'refund');
    // Paid once and never refunded: the amount exactly as recorded (τ-bench's); otherwise the net in cents.
    const amount = paid.length === 1 && cents === Math.round(paid[0]!.amount * 100) ? paid[0]!.amount : cents / 100;
    ledger.add(method, amount);
    refunds.push({ transaction_type: 'refund', amount, payment_method_id: method });
  }
  return {
    orderId: order.order_id,
    status: 'cancelled',
    cancelReason: reason,
    appendTransactions: refunds,
    giftCardBalances: ledger.changes(),
  };
}
