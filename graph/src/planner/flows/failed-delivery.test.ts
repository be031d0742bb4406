import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../nlu/intent-classifier.ts';
import { History } from '../testing/history.ts';
import { tauBenchTools } from '../testing/tau-tools.ts';

const spec = (name: string, properties: string[]) => ({
  type: 'function' as const,
  function: { name, description: name, parameters: { type: 'object', properties: Object.fromEntries(properties.map((p) => [p, { type: 'string' }])) } },
});
const tools = [
  ...tauBenchTools,
  spec('list_delivery_slots', ['tracking_id', 'from_date']), spec('book_delivery_slot', ['tracking_id', 'slot_id']), spec('reschedule_delivery', ['tracking_id', 'slot_id']),
  spec('list_pickup_locations', ['tracking_id', 'zip', 'kind']), spec('reroute_shipment', ['tracking_id', 'destination_kind', 'address', 'location_id']),
];
const slots = JSON.stringify({
  zip_prefix: '100',
  slots: [
    { slot_id: '100-2026-11-29-1500', day: '2026-11-29', window_start: '15:00', window_end: '18:00', remaining: 3, full: false },
    { slot_id: '100-2026-11-29-0900', day: '2026-11-29', window_start: '09:00', window_end: '12:00', remaining: 0, full: true },
    { slot_id: '100-2026-11-29-1200', day: '2026-11-29', window_start: '12:00', window_end: '15:00', remaining: 5, full: false },
  ],
});
const locker = { location_id: 'lk_100', kind: 'locker', name: 'Station locker', address: { address1: '1 Station Square', address2: '', city: 'New York', state: 'NY', country: 'USA', zip: '10001' }, remaining: 4, full: false };

function jamesSays(request: string) {
  return new History('delivery', tools)
    .customer(`My email is james.li4495@example.com. ${request}`)
    .tool('find_user_id_by_email', { email: 'james.li4495@example.com' })
    .tool('get_user_details', { user_id: 'james_li_5688' })
    .tool('get_order_details', { order_id: '#W2611340' });
}

describe('failed-delivery recovery', () => {
  it('reads "missed me … deliver it tomorrow instead" as another delivery time, not another address', () => {
    const intents = classifyMessage('Your courier missed me for order #W2611340. Can you deliver it tomorrow instead?').map((c) => c.intent);
    expect(intents).toContain('delivery_slot');
    expect(intents).not.toContain('modify_order_address');
  });

  it('lists the slots of the asked day and proposes its earliest free window (booked only after the yes)', () => {
    const h = jamesSays('Your courier missed me for order #W2611340. Can you deliver it tomorrow instead?');
    expect(h.next()).toEqual({ kind: 'call', name: 'list_delivery_slots', args: { tracking_id: '357962501027', from_date: '2026-11-29' } });
    h.tool('list_delivery_slots', { tracking_id: '357962501027', from_date: '2026-11-29' }, slots);
    expect(h.next()).toEqual({ kind: 'call', name: 'book_delivery_slot', args: { tracking_id: '357962501027', slot_id: '100-2026-11-29-1200' } });
  });

  it('moves the delivery with reschedule_delivery when the customer asks to reschedule, asking which of the windows that fit', () => {
    const h = jamesSays('Nobody was home when the driver came with #W2611340. Please reschedule it to tomorrow afternoon.');
    h.tool('list_delivery_slots', { tracking_id: '357962501027', from_date: '2026-11-29' }, slots);
    const question = h.next();
    expect(question.kind === 'say' && question.text).toMatch(/Several slots fit: 2026-11-29 12:00-15:00; 2026-11-29 15:00-18:00/);
    h.agent(question.kind === 'say' ? question.text : '').customer('the first one');
    expect(h.next()).toEqual({ kind: 'call', name: 'reschedule_delivery', args: { tracking_id: '357962501027', slot_id: '100-2026-11-29-1200' } });
  });

  it('asks for a day when the customer only reports the missed delivery', () => {
    const step = jamesSays('The courier missed me for order #W2611340.').next();
    expect(step.kind === 'say' && step.text).toMatch(/Which day and time would suit you/);
  });

  it('reroutes to a locker when the customer asks to leave the missed parcel at one', () => {
    const h = jamesSays('I missed the delivery of #W2611340, can you leave it at a parcel locker instead?');
    const listArgs = { tracking_id: '357962501027', kind: 'locker' };
    expect(h.next()).toEqual({ kind: 'call', name: 'list_pickup_locations', args: listArgs });
    h.tool('list_pickup_locations', listArgs, JSON.stringify({ zip_prefix: '100', locations: [locker] }));
    expect(h.next()).toEqual({ kind: 'call', name: 'reroute_shipment', args: { tracking_id: '357962501027', destination_kind: 'locker', location_id: 'lk_100' } });
  });
});
