import { describe, expect, it } from 'vitest';
import { extractPaymentMention, resolvePayment, type PaymentMethodRecord } from './payment-methods.ts';

// isabella_lopez_6490's payment methods in τ-bench users.json.
const methods: PaymentMethodRecord[] = [
  { id: 'credit_card_8897086', source: 'credit_card', brand: 'visa', last_four: '8902' },
  { id: 'gift_card_8245350', source: 'gift_card', balance: 60 },
  { id: 'credit_card_8554680', source: 'credit_card', brand: 'mastercard', last_four: '4336' },
  { id: 'paypal_1621947', source: 'paypal' },
];

const resolve = (text: string, original?: string) => resolvePayment(extractPaymentMention(text) ?? {}, methods, original);

describe('payment methods', () => {
  it('maps a described method to the one matching id', () => {
    expect(resolve('my visa ending 8902')).toEqual({ kind: 'resolved', id: 'credit_card_8897086' });
    expect(resolve('the card ending in 4336')).toEqual({ kind: 'resolved', id: 'credit_card_8554680' });
    expect(resolve('to my gift card')).toEqual({ kind: 'resolved', id: 'gift_card_8245350' });
    expect(resolve('paypal please')).toEqual({ kind: 'resolved', id: 'paypal_1621947' });
    expect(resolve('the original payment method', 'credit_card_8554680')).toEqual({ kind: 'resolved', id: 'credit_card_8554680' });
  });

  it('reads "the card I paid with" as the original method, whatever kind it was', () => {
    expect(resolve('get my money back to the card I paid with', 'paypal_1621947')).toEqual({ kind: 'resolved', id: 'paypal_1621947' });
    expect(resolve('refund the account i originally paid with', 'credit_card_8897086')).toEqual({ kind: 'resolved', id: 'credit_card_8897086' });
    // A card named by its digits wins over the loose word "original" (the flow then checks it may receive the money).
    expect(resolve('the original card ending in 4336', 'paypal_1621947')).toEqual({ kind: 'resolved', id: 'credit_card_8554680' });
  });

  it('never picks one of several matching cards', () => {
    const result = resolve('my credit card');
    expect(result.kind).toBe('ambiguous');
    if (result.kind === 'ambiguous') expect(result.candidates.map((c) => c.id)).toEqual(['credit_card_8897086', 'credit_card_8554680']);
  });

  it('says when nothing on the account matches', () => {
    expect(resolve('my amex').kind).toBe('none');
    expect(resolve('card ending 0000').kind).toBe('none');
  });
});
