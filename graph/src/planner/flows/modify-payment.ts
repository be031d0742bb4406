import { originalPaymentId } from '../dialogue/facts.ts';
import { describeMethod } from '../slots/payment-methods.ts';
import { call, say, type Flow } from './flow-context.ts';
import { selectOrder } from './order-selection.ts';
import { selectPayment } from './payment-selection.ts';

/** Change the payment method of a pending order to a single different method (a gift card must cover the total). */
export const modifyPayment: Flow = (ctx, task) => {
  const choice = selectOrder(ctx, task, ['pending'], 'change the payment of');
  if (choice.kind === 'step') return choice.step;
  const order = choice.order;
  const originalId = originalPaymentId(order);
  const others = Object.values(ctx.facts.user?.payment_methods ?? {}).filter((m) => m.id !== originalId);
  const payment = selectPayment(ctx, task, `for order ${order.order_id}`, undefined, others);
  if (payment.kind === 'ask') return say(payment.text);
  if (payment.method.id === originalId) {
    return say(`Order ${order.order_id} is already paid with ${describeMethod(payment.method)}. Which other payment method would you like?`);
  }
  const total = (order.payment_history ?? []).reduce((sum, p) => sum + (p.transaction_type === 'payment' ? p.amount : -p.amount), 0);
  if (payment.method.source === 'gift_card' && (payment.method.balance ?? 0) < total) {
    return say(`The ${describeMethod(payment.method)} does not cover the order total of $${total.toFixed(2)}. Which other payment method would you like?`);
  }
  return call('modify_pending_order_payment', { order_id: order.order_id, payment_method_id: payment.method.id });
};
