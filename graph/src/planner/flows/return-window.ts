import type { OrderRecord } from '../dialogue/facts.ts';
import { call, refuse, resultOf, type FlowContext, type Step } from './flow-context.ts';

/** Days after delivery within which a return can be started (knowledge/policies/returns.md, "Return window"). */
export const returnWindowDays = 30;

const dayMs = 86_400_000;

/** When the order was delivered, from a get_order_status result (undefined when the system does not know). */
function deliveredAt(ctx: FlowContext, orderId: string): Date | undefined | 'unread' {
  const result = resultOf(ctx, 'get_order_status', { order_id: orderId });
  if (!result) return 'unread';
  const data = result.data as { delivered_at?: unknown } | undefined;
  if (!result.ok || typeof data?.delivered_at !== 'string') return undefined;
  const at = new Date(data.delivered_at);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/**
 * The return-window check of a delivered order: reads when it was delivered (get_order_status, when the specialist has
 * it) and refuses a return requested more than 30 days later, since the policy sends late requests to a person for
 * review. Undefined when the return may go ahead (inside the window, or the delivery date is unknown).
 */
export function returnWindowStep(ctx: FlowContext, order: OrderRecord): Step | undefined {
  if (!ctx.tools.has('get_order_status')) return undefined;
  const at = deliveredAt(ctx, order.order_id);
  if (at === 'unread') return call('get_order_status', { order_id: order.order_id });
  if (!at) return undefined;
  const days = Math.floor((ctx.now.getTime() - at.getTime()) / dayMs);
  if (days <= returnWindowDays) return undefined;
  return refuse(
    `Order ${order.order_id} was delivered on ${at.toISOString().slice(0, 10)}, ${days} days ago: that is outside our ${returnWindowDays}-day return window, ` +
      'so I can\'t start this return myself. Late return requests are reviewed by a human agent and may be declined; ask me to transfer you if you would like that review.',
  );
}
