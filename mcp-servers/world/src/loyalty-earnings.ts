import type { OrderRecord } from './tau-bench/tau-bench-records.ts';
import type { LoyaltyEntrySeed, OrderStory } from './world-model.ts';

/** Points earned per currency unit paid, on delivery. */
export const POINTS_PER_CURRENCY_UNIT = 1;

const EARNING_STATUSES = new Set(['delivered', 'return requested', 'exchange requested']);

/** A delivered order earns one point per whole currency unit its customer paid net of refunds, when it was delivered. */
export function loyaltyEarning(order: OrderRecord, story: OrderStory): LoyaltyEntrySeed | undefined {
  if (!EARNING_STATUSES.has(order.status)) return undefined;
  const paid = order.payment_history.reduce((sum, p) => sum + (p.transaction_type === 'payment' ? p.amount : -p.amount), 0);
  const points = Math.floor(paid * POINTS_PER_CURRENCY_UNIT);
  if (points <= 0) return undefined;
  const deliveries = story.shipments.flatMap((s) => s.events.filter((e) => e.type === 'delivered').map((e) => e.at)).sort();
  return {
    customerId: order.user_id,
    kind: 'earn',
    points,
    orderId: order.order_id,
    at: deliveries[deliveries.length - 1] ?? story.placedAt,
    description: `earned on order ${order.order_id}`,
  };
}
