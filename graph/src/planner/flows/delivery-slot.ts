import { normalizeText } from '../nlu/normalize.ts';
import { extractWhen, type When } from '../slots/when.ts';
import { call, resultOf, say, type Flow } from './flow-context.ts';
import { extractOrdinal } from '../slots/ordinal.ts';
import { selectOrder } from './order-selection.ts';
import { parcelToDeliver } from './parcel-choice.ts';

interface Slot {
  slot_id: string;
  day: string;
  window_start: string;
  window_end: string;
  full: boolean;
}

/**
 * Book (or move) the delivery of an order's parcel into the slot the customer asked for: lists the courier's slots,
 * keeps the free ones on the asked day and overlapping the asked window, and books only when exactly one fits.
 */
export const deliverySlot: Flow = (ctx, task) => {
  const choice = selectOrder(ctx, task, ['pending', 'processed'], 'schedule the delivery of');
  if (choice.kind === 'step') return choice.step;
  const order = choice.order;
  const parcel = parcelToDeliver(ctx, order);
  if (!parcel) return say(`Order ${order.order_id} has not been handed to the courier yet, so there is no delivery to schedule.`);
  if ('step' in parcel) return parcel.step;
  const { trackingId } = parcel;
  const when = task.texts.map((t) => extractWhen(t, ctx.now)).reduce<When>((acc, w) => ({ ...acc, ...w }), {});
  if (!when.day && !when.window) return say('Which day and time would suit you for the delivery (for example "tomorrow afternoon" or "Tuesday 9-12")?');
  const listArgs = { tracking_id: trackingId, ...(when.day ? { from_date: when.day } : {}) };
  const listed = resultOf(ctx, 'list_delivery_slots', listArgs);
  if (!listed) return call('list_delivery_slots', listArgs);
  if (!listed.ok) return say(`I could not get the delivery slots: ${listed.text}`);
  const slots = ((listed.data as { slots?: Slot[] } | undefined)?.slots ?? []).filter((s) => !s.full);
  const fitting = slots
    .filter((s) => (!when.day || s.day === when.day) && (!when.window || overlaps(s, when.window)))
    .sort((a, b) => `${a.day} ${a.window_start}`.localeCompare(`${b.day} ${b.window_start}`));
  const describe = (s: Slot) => `${s.day} ${s.window_start}-${s.window_end}`;
  const moving = /\b(reschedul|move|change|chang|differ)/.test(normalizeText(task.texts.join(' ')));
  const tool = moving && ctx.tools.has('reschedule_delivery') ? 'reschedule_delivery' : 'book_delivery_slot';
  // A day without a time ("deliver it tomorrow instead"): the earliest free window that day is proposed; the
  // confirmation gate states that slot and books it only after the customer's yes (a no books nothing).
  const earliestOfDay = when.day !== undefined && !when.window;
  if (fitting.length === 0) {
    const later = earliestOfDay ? slots.filter((s) => s.day > when.day!).sort((a, b) => `${a.day} ${a.window_start}`.localeCompare(`${b.day} ${b.window_start}`))[0] : undefined;
    // That day is full: the earliest free window after it is proposed instead, said so, and still confirmed first.
    if (later) return { ...call(tool, { tracking_id: trackingId, slot_id: later.slot_id }), note: `${when.day} has no free delivery window left. The earliest free one is ${describe(later)}.` };
    const offer = slots.slice(0, 6).map(describe).join('; ');
    return say(`There is no free delivery slot at that time.${offer ? ` Free slots: ${offer}. Which one would you like?` : ''}`);
  }
  const offered = fitting.slice(0, 6);
  const picked = extractOrdinal(task.texts.at(-1) ?? '', offered.length);
  if (fitting.length > 1 && picked === undefined && !earliestOfDay) return say(`Several slots fit: ${offered.map(describe).join('; ')}. Which one would you like?`);
  const slot = offered[picked ?? 0] as Slot;
  return call(tool, { tracking_id: trackingId, slot_id: slot.slot_id });
};

function overlaps(slot: Slot, window: { start: string; end: string }): boolean {
  return slot.window_start < window.end && window.start < slot.window_end;
}
