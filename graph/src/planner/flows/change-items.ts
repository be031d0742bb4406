import type { Task } from '../dialogue/tasks.ts';
import { originalPaymentId } from '../dialogue/facts.ts';
import { describeMethod } from '../slots/payment-methods.ts';
import { resolveVariant } from '../slots/variant-match.ts';
import { call, say, type FlowContext, type Step } from './flow-context.ts';
import { describeLine, selectItems } from './item-selection.ts';
import { selectOrder } from './order-selection.ts';
import { selectPayment } from './payment-selection.ts';

interface ChangeKind {
  verb: string;
  tool: string;
}

const byStatus: Record<string, ChangeKind> = {
  delivered: { verb: 'exchange', tool: 'exchange_delivered_order_items' },
  pending: { verb: 'modify', tool: 'modify_pending_order_items' },
};

/**
 * Change items to other variants of the same product: an exchange when the order is delivered, a modification when it
 * is pending ("change the lamp to black" means either; the order's status decides). Every item with its new variant
 * goes into one call, with the payment method for the price difference (a gift card must cover it).
 */
function changeItems(preferred: 'delivered' | 'pending'): (ctx: FlowContext, task: Task) => Step {
  return (ctx, task) => {
    const other = preferred === 'delivered' ? 'pending' : 'delivered';
    const choice = selectOrder(ctx, task, [preferred, other], byStatus[preferred]?.verb ?? 'change');
    if (choice.kind === 'step') return choice.step;
    const order = choice.order;
    const kind = byStatus[order.status] ?? { verb: 'change', tool: 'exchange_delivered_order_items' };
    if (!ctx.tools.has(kind.tool)) return say(`Order ${order.order_id} is ${order.status}; I can't ${kind.verb} it from here.`);
    const items = selectItems(task, order, kind.verb);
    if (items.kind === 'ask') return say(items.text);
    const missingProduct = items.picks.find((p) => !ctx.facts.products.has(p.line.product_id));
    if (missingProduct) return call('get_product_details', { product_id: missingProduct.line.product_id });
    const newIds: string[] = [];
    let difference = 0;
    for (const pick of items.picks) {
      const product = ctx.facts.products.get(pick.line.product_id);
      const variants = Object.values(product?.variants ?? {});
      const resolution = resolveVariant(pick.line.options, variants, pick.wanted);
      const what = describeLine(pick.line);
      if (resolution.kind === 'nothing-requested') return say(`What would you like instead of the ${what}? Tell me the options you want (for example the color or size).`);
      if (resolution.kind === 'unavailable') {
        return say(`There is no available ${pick.line.name} with ${Object.values(resolution.requested).join(', ')}. Would you like a different option?`);
      }
      if (resolution.kind === 'ambiguous') {
        const list = resolution.candidates.map((v) => `${Object.values(v.options).join(', ')} ($${v.price.toFixed(2)})`).join('; ');
        return say(`Several ${pick.line.name} variants match: ${list}. Which one would you like?`);
      }
      newIds.push(resolution.variant.item_id);
      difference += resolution.variant.price - pick.line.price;
    }
    const payment = selectPayment(ctx, task, 'for the price difference', originalPaymentId(order));
    if (payment.kind === 'ask') return say(payment.text);
    const method = payment.method;
    if (method.source === 'gift_card' && difference > 0 && (method.balance ?? 0) < difference) {
      return say(`The ${describeMethod(method)} does not cover the price difference of $${difference.toFixed(2)}. Which other payment method should I use?`);
    }
    return call(kind.tool, {
      order_id: order.order_id,
      item_ids: items.picks.map((p) => p.line.item_id),
      new_item_ids: newIds,
      payment_method_id: method.id,
    });
  };
}

export const exchangeItems = changeItems('delivered');
export const modifyItems = changeItems('pending');
