import { percentOf } from './money.ts';
import type { Promotion } from './types.ts';

/** A priced cart line. */
export interface PricedLine {
  itemId: string;
  productId: string;
  category?: string | undefined;
  quantity: number;
  unitPriceCents: number;
}

/**
 * Discount in cents that one line-scope promotion gives one line (never more than the line's list amount):
 * - percentage: `value` % of quantity x unit price, rounded half up;
 * - fixed_amount: `value` cents off each unit (at most the unit price);
 * - buy_x_get_y: within the line, every complete group of (buy + get) units gets `get` units at `value` % off.
 */
export function lineDiscountCents(promotion: Promotion, line: PricedLine): number {
  const listCents = line.quantity * line.unitPriceCents;
  switch (promotion.kind) {
    case 'percentage':
      return Math.min(listCents, percentOf(listCents, promotion.value));
    case 'fixed_amount':
      return Math.min(promotion.value, line.unitPriceCents) * line.quantity;
    case 'buy_x_get_y': {
      const buy = promotion.buyQuantity ?? 0;
      const get = promotion.getQuantity ?? 0;
      if (buy < 1 || get < 1) return 0;
      const discountedUnits = Math.floor(line.quantity / (buy + get)) * get;
      return Math.min(listCents, percentOf(discountedUnits * line.unitPriceCents, promotion.value));
    }
  }
}

/** Discount in cents of an order-scope promotion (or coupon) on an eligible base amount. */
export function orderDiscountCents(kind: 'percentage' | 'fixed_amount', value: number, baseCents: number): number {
  return kind === 'percentage' ? Math.min(baseCents, percentOf(baseCents, value)) : Math.min(value, baseCents);
}

/** A description of what a promotion does, for the quote's explanation. */
export function describePromotion(promotion: Promotion): string {
  switch (promotion.kind) {
    case 'percentage':
      return `${promotion.value}% off`;
    case 'fixed_amount':
      return `${(promotion.value / 100).toFixed(2)} off${promotion.scope === 'line' ? ' each unit' : ' the order'}`;
    case 'buy_x_get_y':
      return `buy ${promotion.buyQuantity}, get ${promotion.getQuantity} ${promotion.value === 100 ? 'free' : `at ${promotion.value}% off`}`;
  }
}
