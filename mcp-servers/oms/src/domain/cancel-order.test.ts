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

  it('refunds each history entry, refunds included, as the benchmark does', () => {
    const order = { ...fresh(PENDING), payment_history: [
      { transaction_type: 'payment' as const, amount: 10, payment_method_id: 'paypal_3333333' },
      { transaction_type: 'payment' as const, amount: 10, payment_method_id: 'gift_card_2222222' },
      { transaction_type: 'refund' as const, amount: 10, payment_method_id: 'paypal_3333333' },
    ] };
    const change = cancelPendingOrder(order, fresh(USER), 'ordered by mistake');
    expect(change.appendTransactions?.map((t) => [t.transaction_type, t.payment_method_id])).toEqual([
      ['refund', 'paypal_3333333'],
      ['refund', 'gift_card_2222222'],
      ['refund', 'paypal_3333333'],
    ]);
    expect(change.giftCardBalances).toEqual([{ paymentMethodId: 'gift_card_2222222', balance: 30 }]);
  });

  it('refuses orders that are not pending, and unknown reasons', () => {
    expect(() => cancelPendingOrder(fresh(DELIVERED), fresh(USER), 'no longer needed')).toThrow("order #W1000002 is 'delivered'; only 'pending' orders can be cancelled");
    expect(() => cancelPendingOrder(fresh(PENDING), fresh(USER), 'too expensive')).toThrow(/"too expensive" is not accepted; use one of: "no longer needed", "ordered by mistake"/);
  });
});
