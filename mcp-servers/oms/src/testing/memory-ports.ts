import { failedPrecondition, notFound } from '@agentic-commerce/kit';
import type { InventoryPort } from '../ports/inventory-port.ts';
import type { PricedQuote, PricingPort } from '../ports/pricing-port.ts';

/**
 * In-memory warehouse and pricing systems for tests: real state (stock, coupon uses, points) that a test can
 * inspect, with the same refusals a real system gives (not enough stock, not enough points).
 */
export function memoryInventory(stock: Record<string, number>): InventoryPort & { stock: Record<string, number> } {
  const reservations = new Map<string, { itemId: string; quantity: number }[]>();
  let next = 1;
  return {
    stock,
    async reserve({ lines }) {
      for (const line of lines) {
        if ((stock[line.itemId] ?? 0) < line.quantity) throw failedPrecondition(`only ${stock[line.itemId] ?? 0} units of ${line.itemId} in stock`);
      }
      for (const line of lines) stock[line.itemId] = (stock[line.itemId] ?? 0) - line.quantity;
      const reservationId = `res_${next++}`;
      reservations.set(reservationId, lines);
      return { reservationId };
    },
    async release({ reservationId }) {
      for (const line of reservations.get(reservationId) ?? []) stock[line.itemId] = (stock[line.itemId] ?? 0) + line.quantity;
      reservations.delete(reservationId);
    },
    async replace({ reservationId, lines }) {
      const held = reservations.get(reservationId);
      if (!held) throw notFound(`no reservation ${reservationId}`);
      const free = (itemId: string) => (stock[itemId] ?? 0) + held.filter((l) => l.itemId === itemId).reduce((n, l) => n + l.quantity, 0);
      const wanted = new Map<string, number>();
      for (const line of lines) wanted.set(line.itemId, (wanted.get(line.itemId) ?? 0) + line.quantity);
      for (const [itemId, quantity] of wanted) {
        if (free(itemId) < quantity) throw failedPrecondition(`only ${free(itemId)} units of ${itemId} in stock`);
      }
      for (const line of held) stock[line.itemId] = (stock[line.itemId] ?? 0) + line.quantity;
      for (const line of lines) stock[line.itemId] = (stock[line.itemId] ?? 0) - line.quantity;
      reservations.set(reservationId, lines);
      return { reservationId };
    },
  };
}

export function memoryPricing(
  quotes: PricedQuote[],
  points: Record<string, number>,
): PricingPort & { couponUses: Map<string, string>; couponQuotes: Map<string, string>; points: Record<string, number> } {
  const couponUses = new Map<string, string>();
  const couponQuotes = new Map<string, string>();
  const redemptions = new Map<string, { customerId: string; points: number }>();
  let next = 1;
  return {
    couponUses,
    couponQuotes,
    points,
    async getQuote(quoteId) {
      return quotes.find((q) => q.quoteId === quoteId);
    },
    async applyCoupon({ code, quoteId }) {
      const redemptionId = `cpn_${next++}`;
      couponUses.set(redemptionId, code);
      couponQuotes.set(redemptionId, quoteId);
      return { redemptionId };
    },
    async releaseCoupon({ redemptionId }) {
      couponUses.delete(redemptionId);
      couponQuotes.delete(redemptionId);
    },
    async redeemLoyaltyPoints({ customerId, points: wanted }) {
      if ((points[customerId] ?? 0) < wanted) throw failedPrecondition(`customer ${customerId} has only ${points[customerId] ?? 0} points`);
      points[customerId] = (points[customerId] ?? 0) - wanted;
      const redemptionId = `pts_${next++}`;
      redemptions.set(redemptionId, { customerId, points: wanted });
      return { redemptionId };
    },
    async restoreLoyaltyPoints({ redemptionId }) {
      const r = redemptions.get(redemptionId);
      if (r) points[r.customerId] = (points[r.customerId] ?? 0) + r.points;
      redemptions.delete(redemptionId);
    },
  };
}
