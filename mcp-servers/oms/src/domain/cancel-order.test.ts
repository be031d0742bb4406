import { describe, expect, it } from 'vitest';
import { PENDING, DELIVERED, USER, fresh } from '../testing/sample-records.ts';
import { cancelPendingOrder } from './cancel-order.ts';
import { applyOrderChange } from './order-change.ts';

describe('cancelPendingOrder', () => {
  it('refunds every payment to its method, crediting gift cards at once', () => {
    const change = cancelPendingOrder(fresh(PENDING), fresh(USER), 'no longer needed');
    const order = applyOrderChange(PENDING, change);
    expect(order.status).toBe('cancelled');
    expect(order.cancel_reason).toBe('no longer needed');
    expect(order.payment_history.at(-1)).toEqual({ transaction_type: 'refund', amount: 111.86, payment_method_id: 'gift_card_2222222' });
    expect(change.giftCardBalances).toEqual([{ paymentMethodId: 'gift_card_2222222', balance: 131.86 }]);
  });

  it('refunds what each method paid net of refunds: a cancel after a payment change pays back what was paid, once', () => {
    // Paid 10 by paypal, moved to the gift card (paid 10 there, paypal refunded 10), then cancelled.
    const order = { ...fresh(PENDING), payment_history: [
      { transaction_type: 'payment' as const, amount: 10, payment_method_id: 'paypal_3333333' },
      { transaction_type: 'payment' as const, amount: 10, payment_method_id: 'gift_card_2222222' },
      { transaction_type: 'refund' as const, amount: 10, payment_method_id: 'paypal_3333333' },
    ] };
    const change = cancelPendingOrder(order, fresh(USER), 'ordered by mistake');
    expect(change.appendTransactions).toEqual([{ transaction_type: 'refund', amount: 10, payment_method_id: 'gift_card_2222222' }]);
    expect(change.giftCardBalances).toEqual([{ paymentMethodId: 'gift_card_2222222', balance: 30 }]);
    const after = applyOrderChange(order, change);
    const net = after.payment_history.reduce((sum, t) => sum + (t.transaction_type === 'refund' ? -t.amount : t.amount), 0);
    expect(net).toBe(0);
  });

  it('refunds in cents what a method paid in several parts', () => {
    const order = { ...fresh(PENDING), payment_history: [
      { transaction_type: 'payment' as const, amount: 0.1, payment_method_id: 'paypal_3333333' },
      { transaction_type: 'payment' as const, amount: 0.2, payment_method_id: 'paypal_3333333' },
    ] };
    expect(cancelPendingOrder(order, fresh(USER), 'ordered by mistake').appendTransactions).toEqual([{ transaction_type: 'refund', amount: 0.3, payment_method_id: 'paypal_3333333' }]);
  });

  it('refuses orders that are not pending, and unknown reasons', () => {
    expect(() => cancelPendingOrder(fresh(DELIVERED), fresh(USER), 'no longer needed')).toThrow("order #W1000002 is 'delivered'; only 'pending' orders can be cancelled");
    expect(() => cancelPendingOrder(fresh(PENDING), fresh(USER), 'too expensive')).toThrow(/"too expensive" is not accepted; use one of: "no longer needed", "ordered by mistake"/);
  });
});
