import { originalPaymentId } from '../dialogue/facts.ts';
import { call, say, type Flow } from './flow-context.ts';
import { selectItems } from './item-selection.ts';
import { selectOrder } from './order-selection.ts';
import { selectPayment } from './payment-selection.ts';
import { returnWindowStep } from './return-window.ts';

/**
 * Return items of a delivered order within the return window; the refund goes to the original payment method or an
 * existing gift card.
 */
export const returnItems: Flow = (ctx, task) => {
  const choice = selectOrder(ctx, task, ['delivered'], 'return');
  if (choice.kind === 'step') return choice.step;
  const order = choice.order;
  const late = returnWindowStep(ctx, order);
  if (late) return late;
  const items = selectItems(task, order, 'return');
  if (items.kind === 'ask') return say(items.text);
  const originalId = originalPaymentId(order);
  const methods = Object.values(ctx.facts.user?.payment_methods ?? {});
  const allowed = methods.filter((m) => m.id === originalId || m.source === 'gift_card');
  const payment = selectPayment(ctx, task, 'for the refund', originalId, allowed);
  if (payment.kind === 'ask') return say(payment.text);
  if (!allowed.some((m) => m.id === payment.method.id)) {
    return say(`A refund can only go to the original payment method (${originalId ?? 'unknown'}) or to one of your gift cards. Which would you like?`);
  }
  return call('return_delivered_order_items', {
    order_id: order.order_id,
    item_ids: items.picks.map((p) => p.line.item_id),
    payment_method_id: payment.method.id,
  });
};
