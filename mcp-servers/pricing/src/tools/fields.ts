import { z } from 'zod';
import { LOYALTY_KINDS, type LoyaltyTransaction } from '../store/pricing-backend.ts';

/** Fields several pricing tools share, described once. */
export const orderId = z.string().min(1).max(200).describe('order id the effect is keyed by, e.g. "#W1234567"; a retry with the same order id has no second effect');
export const itemId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an item id is 1-64 letters, digits, _ or -').describe('variant (item) id, e.g. "9612497925"');
export const quoteId = z.string().min(1).max(100).describe('quote id returned by quote_cart');
export const money = (what: string) => z.number().describe(`${what}, in USD`);
export const replayed = z.boolean().describe('true when this order id already had this effect: nothing changed this time');
export const reason = z.string().min(1).max(500).optional().describe('why, recorded in the loyalty history');

export const loyaltyTransactionSchema = z.object({
  id: z.number().int().describe('transaction id (newest first; use as before_id to page)'),
  kind: z.enum(LOYALTY_KINDS).describe('earn | redeem | restore | adjust | expire'),
  points: z.number().int().describe('points moved; negative for redeem and expire'),
  balance_after: z.number().int().describe('balance after this transaction'),
  reason: z.string().describe('why the points moved'),
  order_id: z.string().nullable().describe('order the movement belongs to, if any'),
  created_at: z.string().describe('ISO-8601 time'),
});

export const toTransactionOutput = (t: LoyaltyTransaction) => ({
  id: t.id,
  kind: t.kind,
  points: t.points,
  balance_after: t.balanceAfter,
  reason: t.reason,
  order_id: t.orderId,
  created_at: t.createdAt,
});
