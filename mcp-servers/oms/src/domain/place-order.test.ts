import { describe, expect, it } from 'vitest';
import { PRODUCTS, USER, USER_ID, fresh } from '../testing/sample-records.ts';
import type { PricedQuote } from '../ports/pricing-port.ts';
import { newOrderId, placeOrder, shippingAddressFor } from './place-order.ts';

const now = new Date('2026-01-01T00:00:00Z');
const quote = (patch: Partial<PricedQuote> = {}): PricedQuote => ({
  quoteId: 'q1',
  customerId: USER_ID,
  lines: [{ itemId: '1000000001', productId: '9523456873', quantity: 2, unitPrice: 45.5 }],
  total: 99.05,
  expiresAt: '2026-01-01T01:00:00Z',
  ...patch,
});
const place = (q: PricedQuote, paymentMethodId = 'paypal_3333333') =>
  placeOrder({ orderId: '#W5555555', userId: USER_ID, user: fresh(USER), quote: q, products: PRODUCTS, address: USER.address, paymentMethodId, now });

describe('placeOrder', () => {
  it('builds a pending order with one line per unit at the quoted price (catalog price as list price) and one payment of the total', () => {
    const { order, giftCardBalances } = place(quote());
    expect(order.status).toBe('pending');
    expect(order.items).toHaveLength(2);
    expect(order.items[0]).toEqual({ name: 'T-Shirt', product_id: '9523456873', item_id: '1000000001', price: 45.5, options: { color: 'blue', size: 'M' }, list_price: 50.88 });
    expect(order.payment_history).toEqual([{ transaction_type: 'payment', amount: 99.05, payment_method_id: 'paypal_3333333' }]);
    expect(giftCardBalances).toEqual([]);
  });

  it('charges a gift card at once', () => {
    expect(place(quote({ total: 19.99 }), 'gift_card_2222222').giftCardBalances).toEqual([{ paymentMethodId: 'gift_card_2222222', balance: 0.01 }]);
  });

  it('refuses expired quotes, unavailable variants, bad quantities and thin gift cards', () => {
    expect(() => place(quote({ expiresAt: '2025-12-31T00:00:00Z' }))).toThrow(/expired/);
    expect(() => place(quote({ lines: [{ itemId: '1000000003', productId: '9523456873', quantity: 1, unitPrice: 1 }] }))).toThrow(/not an available variant/);
    expect(() => place(quote({ lines: [{ itemId: '1000000001', productId: '9523456873', quantity: 0, unitPrice: 1 }] }))).toThrow(/whole number >= 1/);
    expect(() => place(quote(), 'gift_card_2222222')).toThrow(/not enough to pay 99.05 USD/);
  });

  it("ships to the quote's ship-to by default and refuses an address in another state, zip or country", () => {
    const shipTo = { address1: '1 Oak St', city: 'Portland', state: 'OR', country: 'USA', zip: '97201' };
    const q = quote({ shipTo });
    expect(shippingAddressFor(q, undefined, USER.address)).toEqual({ ...shipTo, address2: '' });
    const sameZone = { ...USER.address, address1: '2 Elm St', city: 'Portland', state: 'or', zip: '97201', country: 'USA' };
    expect(shippingAddressFor(q, sameZone, USER.address)).toEqual(sameZone); // another street in the same state and zip
    const california = { ...sameZone, state: 'CA', zip: '94105', city: 'San Francisco' };
    expect(() => shippingAddressFor(q, california, USER.address)).toThrow(
      /^quote q1 was priced \(tax and shipping\) for OR 97201; ask pricing for a new quote for this address/,
    );
    expect(() => shippingAddressFor(q, { ...sameZone, zip: '97202' }, USER.address)).toThrow(/for OR 97201;/);
    expect(() => shippingAddressFor(q, { ...sameZone, country: 'Canada' }, USER.address)).toThrow(/for OR 97201 USA;/);
    // a pricing system that does not say where it priced for: the given address, else the customer's default
    expect(shippingAddressFor(quote(), california, USER.address)).toEqual(california);
    expect(shippingAddressFor(quote(), undefined, USER.address)).toEqual(USER.address);
  });

  it('makes τ-bench style order ids', () => {
    expect(newOrderId(() => 0)).toBe('#W1000000');
    expect(newOrderId(() => 0.9999999)).toMatch(/^#W\d{7}$/);
  });
});
