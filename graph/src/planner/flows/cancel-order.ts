import { extractCancelReason } from '../slots/cancel-reason.ts';
import { call, newestFirst, say, type Flow } from './flow-context.ts';
import { selectOrder } from './order-selection.ts';

/** Cancel a pending order: order id, status pending, and one of the two accepted reasons. */
export const cancelOrder: Flow = (ctx, task) => {
  const choice = selectOrder(ctx, task, ['pending'], 'cancel');
  if (choice.kind === 'step') return choice.step;
  const reason = newestFirst(task).map(extractCancelReason).find(Boolean);
  if (!reason) {
    return say(`I can cancel order ${choice.order.order_id}. What is the reason: is it no longer needed, or was it ordered by mistake?`);
  }
  return call('cancel_pending_order', { order_id: choice.order.order_id, reason });
};
