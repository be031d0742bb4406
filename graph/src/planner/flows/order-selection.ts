import type { Task } from '../dialogue/tasks.ts';
import type { OrderRecord } from '../dialogue/facts.ts';
import { extractOrderIds } from '../slots/order-ids.ts';
import { findItemMentions } from '../slots/order-lines.ts';
import { call, newestFirst, refuse, say, type FlowContext, type Step } from './flow-context.ts';

export type OrderChoice = { kind: 'order'; order: OrderRecord } | { kind: 'step'; step: Step };

const statusWords: Record<string, string> = {
  pending: 'pending (not yet processed)',
  delivered: 'delivered',
};

/**
 * The order id the customer named for this task: their latest single mention wins ("sorry, it's #W…"); a text naming
 * several orders ("cancel #W1 and #W2") speaks for the one the task was opened for.
 */
export function namedOrderId(task: Task): string | undefined {
  for (const text of newestFirst(task)) {
    const ids = extractOrderIds(text);
    if (task.orderId && ids.includes(task.orderId)) return task.orderId;
    if (ids.length === 1) return ids[0];
  }
  return task.orderId;
}

/**
 * The order a task is about: the one named (read with get_order_details, owned by this customer, in an allowed status),
 * or — when none is named — the only one of the customer's orders in an allowed status that contains the items they
 * described. Asks when several fit; explains when none does.
 */
export function selectOrder(ctx: FlowContext, task: Task, allowed: string[], action: string): OrderChoice {
  const user = ctx.facts.user;
  const named = namedOrderId(task);
  if (named) {
    const order = ctx.facts.orders.get(named);
    if (!order) {
      const failed = ctx.facts.results.find((r) => r.name === 'get_order_details' && r.args.order_id === named && !r.ok);
      if (failed) return step(say(`I could not find order ${named} on your account. Could you check the order id?`));
      return step(call('get_order_details', { order_id: named }));
    }
    if (user && !user.orders.includes(named) && order.user_id !== ctx.facts.userId) {
      return step(say(`I could not find order ${named} on your account. Could you check the order id?`));
    }
    if (!allowed.includes(order.status)) {
      return step(refuse(`Order ${named} is ${order.status}, so I can't ${action} it: only ${allowed.map((s) => statusWords[s] ?? s).join(' or ')} orders can be. Is there anything else I can do?`));
    }
    return { kind: 'order', order };
  }
  if (!user) return step(say('Which order is it? Please give me the order id (it looks like #W1234567).'));
  const contextual = orderInContext(ctx, task);
  if (contextual && user.orders.includes(contextual)) {
    const order = ctx.facts.orders.get(contextual);
    if (!order) return step(call('get_order_details', { order_id: contextual }));
    const fits = allowed.includes(order.status) && (!describesItems(task, user.orders, ctx) || mentionsItemsOf(task, order));
    if (fits) return { kind: 'order', order };
  }
  const missing = user.orders.find((id) => !ctx.facts.orders.has(id));
  if (missing) return step(call('get_order_details', { order_id: missing }));
  const suffix = task.texts.map((t) => /\b(?:ends?|ending) (?:in|with) (\d{1,6})\b/i.exec(t)?.[1]).find(Boolean);
  const eligible = user.orders
    .map((id) => ctx.facts.orders.get(id))
    .filter((o): o is OrderRecord => !!o && allowed.includes(o.status) && (!suffix || o.order_id.endsWith(suffix)));
  const described = eligible.filter((o) => mentionsItemsOf(task, o));
  const candidates = described.length > 0 ? described : eligible;
  const only = candidates[0];
  if (candidates.length === 1 && only) return { kind: 'order', order: only };
  if (candidates.length === 0) {
    return step(refuse(`None of your orders is ${allowed.map((s) => statusWords[s] ?? s).join(' or ')}, so there is no order I can ${action}. Is there anything else I can help with?`));
  }
  const listing = candidates.map((o) => `${o.order_id} (${o.items.map((i) => i.name).join(', ')})`).join('; ');
  return step(say(`Which order do you mean? These can be ${action === 'cancel' ? 'cancelled' : 'handled'}: ${listing}.`));
}

function mentionsItemsOf(task: Task, order: OrderRecord): boolean {
  return task.texts.some((t) => findItemMentions(t, order.items.map((i) => i.name)).length > 0);
}

function describesItems(task: Task, orderIds: string[], ctx: FlowContext): boolean {
  return orderIds.some((id) => {
    const order = ctx.facts.orders.get(id);
    return order ? mentionsItemsOf(task, order) : false;
  });
}

/** The order the customer was last talking about when they made this request ("... #W1234567 ... cancel it"). */
function orderInContext(ctx: FlowContext, task: Task): string | undefined {
  const said = ctx.transcript.turns.filter((t) => t.kind === 'customer' && t.index <= task.updatedAt);
  for (const turn of said.reverse()) {
    const ids = turn.kind === 'customer' ? extractOrderIds(turn.text) : [];
    if (ids.length === 1) return ids[0];
  }
  return undefined;
}

function step(s: Step): OrderChoice {
  return { kind: 'step', step: s };
}
