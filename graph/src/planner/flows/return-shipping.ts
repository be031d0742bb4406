import { normalizeText } from '../nlu/normalize.ts';
import { extractDay, extractWindow } from '../slots/when.ts';
import { call, newestFirst, say, type Flow } from './flow-context.ts';
import { selectItems } from './item-selection.ts';
import { selectOrder } from './order-selection.ts';

/**
 * Getting returned items back: a return label for the parcel (create_return_label), or a courier pickup on a day and
 * half-day window (schedule_return_pickup). Works on orders whose return is requested (or delivered ones).
 */
export const returnShipping: Flow = (ctx, task) => {
  const choice = selectOrder(ctx, task, ['return requested', 'delivered'], 'arrange the return of');
  if (choice.kind === 'step') return choice.step;
  const order = choice.order;
  const text = normalizeText(task.texts.join(' '));
  const returning = (order as { return_items?: string[] }).return_items;
  const wantsLabel = /\blabels?\b/.test(text) && ctx.tools.has('create_return_label');
  if (wantsLabel) {
    let itemIds = returning;
    if (!itemIds || itemIds.length === 0) {
      const items = selectItems(task, order, 'return');
      if (items.kind === 'ask') return say(items.text);
      itemIds = items.picks.map((p) => p.line.item_id);
    }
    const parcel = order.fulfillments?.find((f) => itemIds?.some((id) => f.item_ids.includes(id)))?.tracking_id[0];
    if (!parcel) return say(`I could not find the parcel of those items in order ${order.order_id}.`);
    return call('create_return_label', { tracking_id: parcel, item_ids: itemIds });
  }
  if (!ctx.tools.has('schedule_return_pickup')) return say('I can only create a return label from here. Would you like one?');
  const parcel = order.fulfillments?.[0]?.tracking_id[0];
  if (!parcel) return say(`Order ${order.order_id} has no delivered parcel to collect.`);
  const day = newestFirst(task).map((t) => extractDay(t, ctx.now)).find(Boolean);
  const window = newestFirst(task).map(extractWindow).find(Boolean);
  if (!day || !window) {
    return say('On which day should the courier collect it, and in the morning (09:00-13:00) or the afternoon (13:00-18:00)?');
  }
  return call('schedule_return_pickup', { tracking_id: parcel, day, window: window.start >= '12:00' ? 'afternoon' : 'morning' });
};
