import { describe, expect, it } from 'vitest';
import { DELIVERED, PENDING, PRODUCTS, USER, fresh } from '../testing/sample-records.ts';
import { modifyPendingOrderItems } from './modify-order-items.ts';
import { applyOrderChange } from './order-change.ts';

describe('modifyPendingOrderItems', () => {
  it('swaps duplicate lines one by one and records the unrounded difference', () => {
    const change = modifyPendingOrderItems(fresh(PENDING), fresh(USER), PRODUCTS, ['1000000001', '1000000001', '2000000001'], ['1000000002', '1000000002', '2000000002'], 'paypal_3333333');
    const order = applyOrderChange(PENDING, change);
    expect(order.items.map((i) => i.item_id)).toEqual(['1000000002', '1000000002', '2000000002']);
    expect(order.items[0]).toMatchObject({ price: 53.43, options: { color: 'red', size: 'L' } });
    expect(order.status).toBe('pending (item modified)');
    // (53.43 - 50.88) + (53.43 - 50.88) + (12.2 - 10.1), summed in floating point like Python
    const expected = 0 + (53.43 - 50.88) + (53.43 - 50.88) + (12.2 - 10.1);
    expect(order.payment_history.at(-1)).toEqual({ transaction_type: 'payment', amount: expected, payment_method_id: 'paypal_3333333' });
    expect(change.giftCardBalances).toEqual([]);
  });

  it('refunds a cheaper swap to a gift card, rounding the balance', () => {
    const change = modifyPendingOrderItems(fresh(PENDING), fresh(USER), PRODUCTS, ['1000000001'], ['1000000002'], 'gift_card_2222222');
    expect(change.giftCardBalances).toEqual([{ paymentMethodId: 'gift_card_2222222', balance: 17.45 }]);
    const cheaper = { ...fresh(PENDING), items: [{ ...PENDING.items[2]!, item_id: '2000000002', price: 12.2 }] };
    const refund = modifyPendingOrderItems(cheaper, fresh(USER), PRODUCTS, ['2000000002'], ['2000000001'], 'gift_card_2222222');
    expect(refund.appendTransactions?.[0]?.transaction_type).toBe('refund');
    expect(refund.giftCardBalances).toEqual([{ paymentMethodId: 'gift_card_2222222', balance: 22.1 }]);
  });

  it('keeps the discount of an order placed with create_order: the list-price difference, rounded to cents', () => {
    // 15% off: 50.88 -> 43.25, 53.43 -> 45.42 (what create_order stores as price), with the catalog price as list_price
    const promoted = (itemId: string, price: number, listPrice: number) => ({ ...PENDING.items[0]!, item_id: itemId, price, list_price: listPrice });
    const order = { ...fresh(PENDING), items: [promoted('1000000001', 43.25, 50.88), promoted('1000000001', 43.25, 50.88), promoted('1000000002', 45.42, 53.43)] };

    const same = modifyPendingOrderItems(fresh(order), fresh(USER), PRODUCTS, ['1000000001', '1000000001'], ['1000000001', '1000000001'], 'paypal_3333333');
    expect(same.appendTransactions).toEqual([{ transaction_type: 'refund', amount: 0, payment_method_id: 'paypal_3333333' }]);
    expect(applyOrderChange(order, same).items).toEqual(order.items);

    const cheaper = modifyPendingOrderItems(fresh(order), fresh(USER), PRODUCTS, ['1000000002'], ['1000000001'], 'gift_card_2222222');
    expect(cheaper.appendTransactions).toEqual([{ transaction_type: 'refund', amount: 2.55, payment_method_id: 'gift_card_2222222' }]);
    expect(cheaper.giftCardBalances).toEqual([{ paymentMethodId: 'gift_card_2222222', balance: 22.55 }]);
    expect(applyOrderChange(order, cheaper).items[2]).toMatchObject({ item_id: '1000000001', price: 42.87, list_price: 50.88, options: { color: 'blue', size: 'M' } });

    const dearer = modifyPendingOrderItems(fresh(order), fresh(USER), PRODUCTS, ['1000000001', '1000000001'], ['1000000002', '1000000002'], 'paypal_3333333');
    expect(dearer.appendTransactions).toEqual([{ transaction_type: 'payment', amount: 5.1, payment_method_id: 'paypal_3333333' }]);
    expect(applyOrderChange(order, dearer).items.map((i) => [i.item_id, i.price, i.list_price])).toEqual([
      ['1000000002', 45.8, 53.43],
      ['1000000002', 45.8, 53.43],
      ['1000000002', 45.42, 53.43],
    ]);
  });

  it('refuses: not pending, missing item, count mismatch, unavailable or other-product variant, thin gift card', () => {
    const args = (o = fresh(PENDING)) => [o, fresh(USER), PRODUCTS] as const;
    expect(() => modifyPendingOrderItems(...args(fresh(DELIVERED)), ['1000000002'], ['1000000001'], 'paypal_3333333')).toThrow(/only 'pending'/);
    expect(() => modifyPendingOrderItems(...args(), ['2000000001', '2000000001'], ['2000000002', '2000000002'], 'paypal_3333333')).toThrow(/item 2000000001 is not in order #W1000001 2 times/);
    expect(() => modifyPendingOrderItems(...args(), ['1000000001'], [], 'paypal_3333333')).toThrow(/one new item id per item id/);
    expect(() => modifyPendingOrderItems(...args(), ['1000000001'], ['1000000003'], 'paypal_3333333')).toThrow(/not an available variant of product 9523456873/);
    expect(() => modifyPendingOrderItems(...args(), ['1000000001'], ['2000000002'], 'paypal_3333333')).toThrow(/not an available variant/);
    const poor = fresh(USER);
    poor.payment_methods.gift_card_2222222!.balance = 1;
    expect(() => modifyPendingOrderItems(fresh(PENDING), poor, PRODUCTS, ['1000000001'], ['1000000002'], 'gift_card_2222222')).toThrow(/not enough to pay 2.55 USD/);
  });
});
