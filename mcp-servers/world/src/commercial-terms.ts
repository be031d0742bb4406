import type { CouponDefinition, PromotionDefinition } from '@agentic-commerce/pricing';
import type { Prng } from './generator/prng.ts';

const DAY = 86_400_000;

function window(asOf: Date, fromDays: number, toDays: number): { startsAt: string; endsAt: string } {
  return { startsAt: new Date(asOf.getTime() + fromDays * DAY).toISOString(), endsAt: new Date(asOf.getTime() + toDays * DAY).toISOString() };
}

export interface CommercialTerms {
  promotions: PromotionDefinition[];
  coupons: CouponDefinition[];
}

/**
 * The promotions and coupons in a world as of `asOf`: running ones of each kind (percentage, fixed amount,
 * buy-x-get-y; line and order scope), one that has expired and one not started yet, and coupons with total and
 * per-customer limits, an expired one and a future one. Deterministic for a given stream.
 */
export function commercialTerms(prng: Prng, productIds: readonly string[], asOf: Date): CommercialTerms {
  const featured = prng.sample(productIds, Math.max(1, Math.min(5, Math.floor(productIds.length / 10))));
  const bundle = prng.sample(productIds, Math.max(1, Math.min(3, productIds.length)));
  const promotions: PromotionDefinition[] = [
    { id: 'promo_featured15', name: 'Featured products 15% off', kind: 'percentage', scope: 'line', value: 15, eligibility: { productIds: featured }, ...window(asOf, -7, 14) },
    { id: 'promo_save20', name: '$20 off orders over $200', kind: 'fixed_amount', scope: 'order', value: 20, eligibility: { minSubtotal: 200 }, ...window(asOf, -14, 30) },
    { id: 'promo_bundle_b2g1', name: 'Buy 2, get 1 free', kind: 'buy_x_get_y', scope: 'line', value: 100, buyQuantity: 2, getQuantity: 1, eligibility: { productIds: bundle }, ...window(asOf, -3, 11) },
    { id: 'promo_spring25', name: 'Spring sale 25% off (ended)', kind: 'percentage', scope: 'order', value: 25, eligibility: { minSubtotal: 50 }, ...window(asOf, -120, -90) },
    { id: 'promo_holiday30', name: 'Holiday 30% off (not started)', kind: 'percentage', scope: 'order', value: 30, eligibility: { minSubtotal: 100 }, ...window(asOf, 20, 40) },
  ];
  const coupons: CouponDefinition[] = [
    { code: 'WELCOME10', description: '10% off your order, once per customer', kind: 'percentage', value: 10, perCustomerLimit: 1, ...window(asOf, -365, 365) },
    { code: 'SAVE15', description: '$15 off orders over $100', kind: 'fixed_amount', value: 15, totalLimit: prng.int(200, 1000), eligibility: { minSubtotal: 100 }, ...window(asOf, -30, 30) },
    { code: 'FLASH5', description: '$5 off, first 3 uses only', kind: 'fixed_amount', value: 5, totalLimit: 3, ...window(asOf, -1, 2) },
    { code: 'GOLD20', description: '20% off for gold loyalty members', kind: 'percentage', value: 20, eligibility: { segments: ['gold'] }, ...window(asOf, -30, 60) },
    { code: 'SPRING25', description: '25% off (expired)', kind: 'percentage', value: 25, ...window(asOf, -120, -90) },
    { code: 'HOLIDAY30', description: '30% off (starts later)', kind: 'percentage', value: 30, ...window(asOf, 20, 40) },
  ];
  return { promotions, coupons };
}
