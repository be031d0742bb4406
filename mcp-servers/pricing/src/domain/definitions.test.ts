import { describe, expect, it } from 'vitest';
import { toCoupon, toPromotion } from './definitions.ts';

const base = { id: 'p1', name: 'Promo', scope: 'line' as const, startsAt: '2026-01-01T00:00:00Z' };

describe('promotion and coupon definitions', () => {
  it('converts dollars to cents and keeps percentages', () => {
    expect(toPromotion({ ...base, kind: 'fixed_amount', value: 5.5, eligibility: { minSubtotal: 100 } })).toMatchObject({ value: 550, eligibility: { minSubtotalCents: 10000 } });
    expect(toPromotion({ ...base, kind: 'percentage', value: 12.5 }).value).toBe(12.5);
    expect(toCoupon({ code: 'save10', description: '10 off', kind: 'fixed_amount', value: 10, startsAt: base.startsAt }).code).toBe('SAVE10');
  });

  it('refuses impossible definitions with what is accepted', () => {
    expect(() => toPromotion({ ...base, kind: 'percentage', value: 120 })).toThrow(/at most 100/);
    expect(() => toPromotion({ ...base, kind: 'buy_x_get_y', value: 100, scope: 'order', buyQuantity: 2, getQuantity: 1 })).toThrow(/use scope "line"/);
    expect(() => toPromotion({ ...base, kind: 'buy_x_get_y', value: 100 })).toThrow(/needs buyQuantity and getQuantity/);
    expect(() => toPromotion({ ...base, kind: 'percentage', value: 10, endsAt: '2025-01-01T00:00:00Z' })).toThrow(/must be after startsAt/);
    expect(() => toPromotion({ ...base, kind: 'fixed_amount', value: 1.234 })).toThrow(/fractions of a cent/);
    expect(() => toCoupon({ code: 'x', description: 'd', kind: 'percentage', value: 5, startsAt: 'soon' })).toThrow(/code: use 3-40 letters.*startsAt: must be an ISO-8601/);
  });
});
