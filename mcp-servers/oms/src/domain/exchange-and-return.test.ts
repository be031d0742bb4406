import { describe, expect, it } from 'vitest';
import { DELIVERED, PENDING, PRODUCTS, USER, fresh } from '../testing/sample-records.ts';
import { exchangeDeliveredOrderItems } from './exchange-order-items.ts';
import { applyOrderChange } from './order-change.ts';
import { roundCents } from './python-round.ts';
import { returnDeliveredOrderItems } from './return-order-items.ts';

describe('exchangeDeliveredOrderItems', () => {
  it('requests the exchange with sorted lists and the rounded difference, charging nothing yet', () => {
    const change = exchangeDeliveredOrderItems(fresh(DELIVERED), fresh(USER), PRODUCTS, ['2000000002', '1000000002'], ['2000000001', '1000000001'], 'gift_card_2222222');
    const order = applyOrderChange(DELIVERED, change);
    expect(order).toMatchObject({
      status: 'exchange requested',
      exchange_items: ['1000000002', '2000000002'],
      exchange_new_items: ['1000000001', '2000000001'],
      exchange_payment_method_id: 'gift_card_2222222',
      exchange_price_difference: -4.65,
    });
    expect(order.payment_history).toEqual(DELIVERED.payment_history);
    expect(change.giftCardBalances).toBeUndefined();
  });

  it('prices an exchange on an order placed with create_order from list prices, and a τ-bench order as before', () => {
    const promoted = { ...fresh(DELIVERED), items: DELIVERED.items.map((i) => ({ ...i, price: roundCents(i.price * 0.85), list_price: i.price })) };
    const change = exchangeDeliveredOrderItems(promoted, fresh(USER), PRODUCTS, ['2000000002', '1000000002'], ['2000000001', '1000000001'], 'gift_card_2222222');
    expect(change.exchangeRequest?.priceDifference).toBe(-4.65); // (10.1 - 12.2) + (50.88 - 53.43), not charged the 15% off
    const self = exchangeDeliveredOrderItems(promoted, fresh(USER), PRODUCTS, ['1000000002'], ['1000000002'], 'gift_card_2222222');
    expect(self.exchangeRequest?.priceDifference).toBe(0);
    // τ-bench order (no list price): new catalog price - the line's price
    const tau = { ...fresh(DELIVERED), items: DELIVERED.items.map((i) => ({ ...i, price: roundCents(i.price * 0.85) })) };
    const before = exchangeDeliveredOrderItems(tau, fresh(USER), PRODUCTS, ['1000000002'], ['1000000002'], 'gift_card_2222222');
    expect(before.exchangeRequest?.priceDifference).toBe(roundCents(53.43 - roundCents(53.43 * 0.85)));
  });

  it('refuses: not delivered, unknown item, unavailable variant, gift card below the difference', () => {
    expect(() => exchangeDeliveredOrderItems(fresh(PENDING), fresh(USER), PRODUCTS, ['1000000001'], ['1000000002'], 'paypal_3333333')).toThrow(/only 'delivered' orders can be exchanged/);
    expect(() => exchangeDeliveredOrderItems(fresh(DELIVERED), fresh(USER), PRODUCTS, ['1000000001'], ['1000000002'], 'paypal_3333333')).toThrow(/item 1000000001 is not in order/);
    expect(() => exchangeDeliveredOrderItems(fresh(DELIVERED), fresh(USER), PRODUCTS, ['1000000002'], ['1000000003'], 'paypal_3333333')).toThrow(/not an available variant/);
    const poor = fresh(USER);
    poor.payment_methods.gift_card_2222222!.balance = 0;
    const dearer = { ...fresh(DELIVERED), items: [{ ...DELIVERED.items[1]!, item_id: '2000000001', price: 10.1 }] };
    expect(() => exchangeDeliveredOrderItems(dearer, poor, PRODUCTS, ['2000000001'], ['2000000002'], 'gift_card_2222222')).toThrow(/not enough to pay 2.10 USD/);
  });
});

describe('returnDeliveredOrderItems', () => {
  it('requests a return to the original method or a gift card', () => {
    const order = applyOrderChange(DELIVERED, returnDeliveredOrderItems(fresh(DELIVERED), fresh(USER), ['2000000002', '1000000002'], 'credit_card_1111111'));
    expect(order).toMatchObject({ status: 'return requested', return_items: ['1000000002', '2000000002'], return_payment_method_id: 'credit_card_1111111' });
    expect(returnDeliveredOrderItems(fresh(DELIVERED), fresh(USER), ['1000000002'], 'gift_card_2222222').returnRequest?.paymentMethodId).toBe('gift_card_2222222');
  });

  it('refuses: not delivered, another non-gift-card method, unknown method, items not in the order', () => {
    expect(() => returnDeliveredOrderItems(fresh(PENDING), fresh(USER), ['1000000001'], 'gift_card_2222222')).toThrow(/only 'delivered' orders can be returned/);
    expect(() => returnDeliveredOrderItems(fresh(DELIVERED), fresh(USER), ['1000000002'], 'paypal_3333333')).toThrow(/original payment method \(credit_card_1111111\) or to a gift card/);
    expect(() => returnDeliveredOrderItems(fresh(DELIVERED), fresh(USER), ['1000000002'], 'paypal_0')).toThrow(/payment method paypal_0 not found/);
    expect(() => returnDeliveredOrderItems(fresh(DELIVERED), fresh(USER), ['1000000002', '1000000002'], 'gift_card_2222222')).toThrow(/not in order #W1000002 2 times/);
  });
});
