import type { Task } from '../dialogue/agenda.ts';
import { describeMethod } from '../slots/payment-methods.ts';
import { resolveVariant } from '../slots/variant-match.ts';
import { call, say, type FlowContext, type Step } from './flow-context.ts';
import { describeLine, selectItems } from './item-selection.ts';
import { selectOrder } from './order-selection.ts';
import { selectPayment } from './payment-selection.ts';

interface ChangeKind {
  status: string;
  verb: string;
  tool: string;
}

const exchangeKind: ChangeKind = { status: 'delivered', verb: 'exchange', tool: 'exchange_delivered_order_items' };
const modifyKind: ChangeKind = { status: 'pending', verb: 'modify', tool: 'modify_pending_order_items' };

/**
 * Exchange (delivered) or modify (pending) items: every item with its new variant of the same product, collected into
 * one call, plus the payment method for the price difference (a gift card must cover it).
 */
function changeItems(kind: ChangeKind): (ctx: FlowContext, task: Task) => Step {
  return (ctx, task) => {
    const choice = selectOrder(ctx, task, [kind.status], kind.verb);
    if (choice.kind === 'step') return choice.step;
    const order = choice.order;
    const items = selectItems(task, order, kind.verb);
    if (items.kind === 'ask') return say(items.text);
    const missingProduct = items.picks.find((p) => !ctx.facts.products.has(p.line.product_id));
    if (missingProduct) return call('get_product_details', { product_id: missingProduct.line.product_id });
    const newIds: string[] = [];
    let difference = 0;
    for (const pick of items.picks) {
      const product = ctx.facts.products.get(pick.line.product_id);
      const variants = Object.values(product?.variants ?? {});
      const resolution = resolveVariant(pick.line.options, variants, pick.mention?.wanted ?? []);
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
    const payment = selectPayment(ctx, task, 'for the price difference');
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

export const exchangeItems = changeItems(exchangeKind);
export const modifyItems = changeItems(modifyKind);
