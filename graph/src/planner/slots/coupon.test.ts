import { describe, expect, it } from 'vitest';
import { extractCouponCode } from './coupon.ts';

describe('extractCouponCode', () => {
  it.each([
    ['I have the coupon WELCOME10.', 'WELCOME10'],
    ['Please apply coupon SPRING25', 'SPRING25'],
    ['my promo code is save-15', 'SAVE-15'],
    ['discount code: FALL5', 'FALL5'],
    ['apply the coupon code "welcome10" please', 'WELCOME10'],
    ['use WELCOME10 at checkout', 'WELCOME10'],
  ])('reads %j', (text, code) => expect(extractCouponCode(text)).toBe(code));

  it.each(['I have a coupon code', 'do you have any coupons?', 'a coupon for the laptop', 'my visa ending in 1234', 'use my paypal'])(
    'finds no code in %j',
    (text) => expect(extractCouponCode(text)).toBeUndefined(),
  );
});
