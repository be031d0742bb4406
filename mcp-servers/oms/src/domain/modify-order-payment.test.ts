import { describe, expect, it } from 'vitest';
import { DELIVERED, PENDING, USER, fresh } from '../testing/sample-records.ts';
import { modifyPendingOrderPayment } from './modify-order-payment.ts';

const paidByCard = () => ({ ...fresh(PENDING), payment_history: [{ transaction_type: 'payment' as const, amount: 15.5, payment_method_id: 'credit_card_1111111' }] });

describe('modifyPendingOrderPayment', () => {
  it('pays with the new method and refunds the old one, charging a gift card at once', () => {
    const change = modifyPendingOrderPayment(paidByCard(), fresh(USER), 'gift_card_2222222');
    expect(change.appendTransactions).toEqual([
      { transaction_type: 'payment', amount: 15.5, payment_method_id: 'gift_card_2222222' },
      { transaction_type: 'refund', amount: 15.5, payment_method_id: 'credit_card_1111111' },
    ]);
    expect(change.giftCardBalances).toEqual([{ paymentMethodId: 'gift_card_2222222', balance: 4.5 }]);
    expect(change.status).toBeUndefined();
  });

  it('credits a gift card that paid before', () => {
    const change = modifyPendingOrderPayment(fresh(PENDING), fresh(USER), 'paypal_3333333');
    expect(change.giftCardBalances).toEqual([{ paymentMethodId: 'gift_card_2222222', balance: 131.86 }]);
  });

  it('refuses: not pending, unknown method, same method, several payments, gift card too small', () => {
    expect(() => modifyPendingOrderPayment(fresh(DELIVERED), fresh(USER), 'paypal_3333333')).toThrow(/only 'pending' orders can be modified/);
    expect(() => modifyPendingOrderPayment(paidByCard(), fresh(USER), 'gift_card_9')).toThrow(/payment method gift_card_9 not found/);
    expect(() => modifyPendingOrderPayment(paidByCard(), fresh(USER), 'credit_card_1111111')).toThrow(/already paid with credit_card_1111111/);
    const twice = { ...paidByCard(), payment_history: [...paidByCard().payment_history, ...paidByCard().payment_history] };
    expect(() => modifyPendingOrderPayment(twice, fresh(USER), 'paypal_3333333')).toThrow(/exactly one payment/);
    expect(() => modifyPendingOrderPayment({ ...paidByCard(), payment_history: [{ transaction_type: 'payment', amount: 20.01, payment_method_id: 'paypal_3333333' }] }, fresh(USER), 'gift_card_2222222')).toThrow(
      /gift card gift_card_2222222 has 20.00 USD, not enough to pay 20.01 USD/,
    );
  });
});
