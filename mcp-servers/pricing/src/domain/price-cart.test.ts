import { describe, expect, it } from 'vitest';
import { priceCart, type CartPricing, type CartPricingInput } from './price-cart.ts';
import type { Coupon, Promotion } from './types.ts';

const now = new Date('2026-06-15T12:00:00Z');
const window = { startsAt: '2026-06-01T00:00:00Z', endsAt: '2026-07-01T00:00:00Z' };
const tee = { itemId: '111', productId: 'p-tee', category: 'apparel', quantity: 1, unitPriceCents: 5088 };
const mug = { itemId: '222', productId: 'p-mug', category: 'kitchen', quantity: 1, unitPriceCents: 1999 };

function input(over: Partial<CartPricingInput> = {}): CartPricingInput {
  return {
    now,
    segment: 'standard',
    lines: [tee, mug],
    promotions: [],
    loyalty: { pointsToRedeem: 0, balance: 1000, program: { earnPointsPerDollar: 1, pointValue: 0.01, quoteTtlMinutes: 30 } },
    shipping: { serviceLevel: 'standard', description: 'Ground', flatCents: 599, freeAboveCents: 10000 },
    tax: { state: 'CA', rate: 0.0725 },
    ...over,
  };
}
const promo = (p: Partial<Promotion> & Pick<Promotion, 'id' | 'kind' | 'value'>): Promotion => ({ name: p.id, scope: 'line', ...window, eligibility: {}, ...p });
const coupon = (c: Partial<Coupon> = {}): Coupon => ({ code: 'SAVE10', description: '10% off', kind: 'percentage', value: 10, ...window, eligibility: {}, ...c });

/** Every total is the sum of its rounded parts. */
function expectConsistent(q: CartPricing): void {
  for (const l of q.lines) {
    expect(l.discountCents).toBe(l.adjustments.reduce((s, a) => s + a.amountCents, 0));
    expect(l.netCents).toBe(l.listCents - l.discountCents);
    expect(l.netCents).toBeGreaterThanOrEqual(0);
  }
  expect(q.listSubtotalCents - q.discountCents).toBe(q.merchandiseCents);
  expect(q.merchandiseCents).toBe(q.lines.reduce((s, l) => s + l.netCents, 0));
  expect(q.tax.cents).toBe(q.lines.reduce((s, l) => s + l.taxCents, 0));
  expect(q.totalCents).toBe(q.merchandiseCents + q.shipping.cents + q.tax.cents);
  expect(q.amountDueCents).toBe(q.totalCents - q.loyalty.valueCents);
  for (const adj of q.orderAdjustments) {
    const parts = q.lines.flatMap((l) => l.adjustments.filter((a) => a.source === adj.source && a.id === adj.id));
    expect(parts.reduce((s, a) => s + a.amountCents, 0)).toBe(adj.amountCents);
  }
}

describe('priceCart', () => {
  it('prices a cart without promotions: flat shipping, per-line tax rounded half up', () => {
    const q = priceCart(input());
    expect(q.listSubtotalCents).toBe(7087);
    expect(q.shipping.cents).toBe(599);
    expect(q.lines.map((l) => l.taxCents)).toEqual([369, 145]); // 368.88 -> 369, 144.93 -> 145
    expect(q.totalCents).toBe(7087 + 599 + 514);
    expect(q.loyalty.pointsToEarn).toBe(70);
    expectConsistent(q);
  });

  it('applies a percentage line promotion only to eligible categories', () => {
    const q = priceCart(input({ promotions: [promo({ id: 'summer', kind: 'percentage', value: 15, eligibility: { categories: ['apparel'] } })] }));
    expect(q.lines[0]?.adjustments).toEqual([expect.objectContaining({ source: 'line_promotion', id: 'summer', amountCents: 763 })]); // 763.2
    expect(q.lines[1]?.adjustments).toEqual([]);
    expectConsistent(q);
  });

  it('applies a fixed amount per unit, never below zero', () => {
    const q = priceCart(input({
      lines: [{ ...mug, quantity: 3 }],
      promotions: [promo({ id: 'five-off', kind: 'fixed_amount', value: 500 }), promo({ id: 'huge', kind: 'fixed_amount', value: 999_999, eligibility: { itemIds: ['111'] } })],
    }));
    expect(q.lines[0]?.discountCents).toBe(1500);
    const capped = priceCart(input({ lines: [tee], promotions: [promo({ id: 'huge', kind: 'fixed_amount', value: 999_999 })] }));
    expect(capped.lines[0]?.netCents).toBe(0);
    expectConsistent(q);
    expectConsistent(capped);
  });

  it('gives buy-x-get-y units per complete group within a line', () => {
    const b2g1 = promo({ id: 'b2g1', kind: 'buy_x_get_y', value: 100, buyQuantity: 2, getQuantity: 1, eligibility: { productIds: ['p-mug'] } });
    const discounts = [1, 2, 3, 5, 6, 7].map((quantity) => priceCart(input({ lines: [{ ...mug, quantity }], promotions: [b2g1] })).lines[0]?.discountCents);
    expect(discounts).toEqual([0, 0, 1999, 1999, 3998, 3998]);
    const halfOff = promo({ id: 'b1g1half', kind: 'buy_x_get_y', value: 50, buyQuantity: 1, getQuantity: 1 });
    expect(priceCart(input({ lines: [{ ...mug, quantity: 2 }], promotions: [halfOff] })).lines[0]?.discountCents).toBe(1000); // 999.5 -> 1000
  });

  it('never applies a promotion outside its window', () => {
    const expired = promo({ id: 'old', kind: 'percentage', value: 50, startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-06-15T12:00:00Z' });
    const future = promo({ id: 'later', kind: 'percentage', value: 50, startsAt: '2026-06-15T12:00:01Z', endsAt: undefined });
    const q = priceCart(input({ promotions: [expired, future] }));
    expect(q.discountCents).toBe(0);
  });

  it('respects segment and minimum-subtotal eligibility', () => {
    const gold = promo({ id: 'gold', kind: 'percentage', value: 20, eligibility: { segments: ['gold'] } });
    const big = promo({ id: 'big', kind: 'percentage', value: 20, eligibility: { minSubtotalCents: 10_000 } });
    expect(priceCart(input({ promotions: [gold, big] })).discountCents).toBe(0);
    expect(priceCart(input({ segment: 'gold', promotions: [gold, big] })).discountCents).toBeGreaterThan(0);
    expect(priceCart(input({ lines: [{ ...tee, quantity: 2 }], promotions: [gold, big] })).discountCents).toBe(2035); // 20% of 101.76
  });

  it('stacks the best line promotion per line, the best order promotion, then one coupon', () => {
    const q = priceCart(input({
      promotions: [
        promo({ id: 'a-10', kind: 'percentage', value: 10 }),
        promo({ id: 'b-15', kind: 'percentage', value: 15, eligibility: { categories: ['kitchen'] } }),
        promo({ id: 'order-5', kind: 'fixed_amount', scope: 'order', value: 500 }),
        promo({ id: 'order-3', kind: 'fixed_amount', scope: 'order', value: 300 }),
      ],
      coupon: { coupon: coupon(), usage: { total: 0, byCustomer: 0 } },
    }));
    expect(q.lines[0]?.adjustments.map((a) => a.id)).toEqual(['a-10', 'order-5', 'SAVE10']);
    expect(q.lines[1]?.adjustments.map((a) => a.id)).toEqual(['b-15', 'order-5', 'SAVE10']);
    // line: 508.80 -> 509 and 299.85 -> 300; order 5.00 over 45.79 + 16.99; coupon 10% of 57.78 = 5.778 -> 5.78
    expect(q.orderAdjustments.map((a) => [a.id, a.amountCents])).toEqual([['order-5', 500], ['SAVE10', 578]]);
    expect(q.merchandiseCents).toBe(7087 - 509 - 300 - 500 - 578);
    expectConsistent(q);
  });

  it('refuses a coupon over its limits, out of its window or under its minimum, with the reason', () => {
    const cases: [Coupon, { total: number; byCustomer: number }, RegExp][] = [
      [coupon({ totalLimit: 100 }), { total: 100, byCustomer: 0 }, /reached its usage limit \(100 uses in total\)/],
      [coupon({ perCustomerLimit: 1 }), { total: 3, byCustomer: 1 }, /already used 1 time\(s\) by this customer; the limit is 1/],
      [coupon({ endsAt: '2026-06-01T00:00:00Z', startsAt: '2026-01-01T00:00:00Z' }), { total: 0, byCustomer: 0 }, /expired at 2026-06-01/],
      [coupon({ eligibility: { minSubtotalCents: 10_000 } }), { total: 0, byCustomer: 0 }, /at least 100.00; this cart's subtotal is 70.87/],
      [coupon({ eligibility: { categories: ['garden'] } }), { total: 0, byCustomer: 0 }, /applies to none of the items/],
    ];
    for (const [c, usage, reason] of cases) expect(() => priceCart(input({ coupon: { coupon: c, usage } }))).toThrow(reason);
  });

  it('makes shipping free at the threshold, measured after discounts', () => {
    const lines = [{ ...tee, quantity: 2 }];
    expect(priceCart(input({ lines })).shipping.cents).toBe(0);
    const q = priceCart(input({ lines, promotions: [promo({ id: 'ten', kind: 'percentage', value: 10 })] }));
    expect(q.merchandiseCents).toBeLessThan(10_000);
    expect(q.shipping.cents).toBe(599);
  });

  it('redeems loyalty points as tender, refusing more than the balance or the total', () => {
    const q = priceCart(input({ loyalty: { pointsToRedeem: 750, balance: 1000, program: { earnPointsPerDollar: 1, pointValue: 0.01, quoteTtlMinutes: 30 } } }));
    expect(q.loyalty).toEqual({ pointsRedeemed: 750, valueCents: 750, pointsToEarn: 63, balanceAfter: 250 });
    expect(q.tax.cents).toBe(514);
    expectConsistent(q);
    const program = { earnPointsPerDollar: 1, pointValue: 0.01, quoteTtlMinutes: 30 };
    expect(() => priceCart(input({ loyalty: { pointsToRedeem: 1001, balance: 1000, program } }))).toThrow(/balance is 1000 points/);
    expect(() => priceCart(input({ loyalty: { pointsToRedeem: 9000, balance: 9000, program } }))).toThrow(/redeem at most 8200 points/);
  });

  it('keeps totals exact for many random carts', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let i = 0; i < 150; i++) {
      const lines = Array.from({ length: 1 + rand(5) }, (_, j) => ({ itemId: `i${j}`, productId: `p${rand(3)}`, category: ['a', 'b'][rand(2)], quantity: 1 + rand(6), unitPriceCents: 1 + rand(50_000) }));
      const q = priceCart(input({
        lines,
        promotions: [promo({ id: 'p', kind: 'percentage', value: rand(60) + 0.5 }), promo({ id: 'o', scope: 'order', kind: 'percentage', value: 7.5, eligibility: { categories: ['a'] } }), promo({ id: 'x', kind: 'buy_x_get_y', value: 100, buyQuantity: 2, getQuantity: 1 })],
        coupon: { coupon: coupon({ kind: 'fixed_amount', value: 1 + rand(3000) }), usage: { total: 0, byCustomer: 0 } },
        tax: { state: 'TN', rate: 0.07 },
      }));
      expectConsistent(q);
    }
  });
});
