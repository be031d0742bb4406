import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../nlu/intent-classifier.ts';
import { History } from '../testing/history.ts';
import { tauBenchTools } from '../testing/tau-tools.ts';
import { TauSimulator } from '../testing/tau-simulator.ts';

const tauOrder = (id: string): unknown => JSON.parse(new TauSimulator().run('get_order_details', { order_id: id }));

const spec = (name: string, properties: string[]) => ({
  type: 'function' as const,
  function: { name, description: name, parameters: { type: 'object', properties: Object.fromEntries(properties.map((p) => [p, { type: 'string' }])) } },
});
const tools = [
  ...tauBenchTools,
  spec('list_delivery_slots', ['tracking_id', 'from_date']), spec('book_delivery_slot', ['tracking_id', 'slot_id']), spec('reschedule_delivery', ['tracking_id', 'slot_id']),
  spec('list_pickup_locations', ['tracking_id', 'zip', 'kind']), spec('reroute_shipment', ['tracking_id', 'destination_kind', 'address', 'location_id']),
];
/** A list_delivery_slots answer for area 100: [day, start, places left] per three-hour window. */
const slotList = (windows: [string, string, number][]) =>
  JSON.stringify({
    zip_prefix: '100',
    slots: windows.map(([day, start, remaining]) => {
      const end = `${String(Number(start.slice(0, 2)) + 3).padStart(2, '0')}:00`;
      return { slot_id: `100-${day}-${start.replace(':', '')}`, day, window_start: start, window_end: end, remaining, full: remaining === 0 };
    }),
  });
const slots = slotList([['2026-11-29', '15:00', 3], ['2026-11-29', '09:00', 0], ['2026-11-29', '12:00', 5]]);
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

  it('proposes the earliest free window of a later day, saying so, when the asked day is full (booked only after the yes)', () => {
    const h = jamesSays('Your courier missed me for order #W2611340. Can you deliver it tomorrow instead?');
    const fullTomorrow = slotList([['2026-11-29', '09:00', 0], ['2026-12-01', '12:00', 2], ['2026-11-30', '15:00', 1], ['2026-11-30', '09:00', 0]]);
    h.tool('list_delivery_slots', { tracking_id: '357962501027', from_date: '2026-11-29' }, fullTomorrow);
    expect(h.next()).toEqual({
      kind: 'call', name: 'book_delivery_slot', args: { tracking_id: '357962501027', slot_id: '100-2026-11-30-1500' },
      note: '2026-11-29 has no free delivery window left. The earliest free one is 2026-11-30 15:00-18:00.',
    });
    // With a time asked for, nothing is proposed on its own: the free windows are offered.
    const afternoon = jamesSays('Your courier missed me for order #W2611340. Can you deliver it tomorrow afternoon?');
    afternoon.tool('list_delivery_slots', { tracking_id: '357962501027', from_date: '2026-11-29' }, fullTomorrow);
    const offer = afternoon.next();
    expect(offer.kind === 'say' && offer.text).toMatch(/There is no free delivery slot at that time\. Free slots: 2026-12-01 12:00-15:00; 2026-11-30 15:00-18:00/);
  });

  it('on an order with several parcels, tracks them and schedules the one the courier missed', () => {
    const order = JSON.parse(JSON.stringify(tauOrder('#W2611340'))) as { fulfillments: { tracking_id: string[]; item_ids: string[] }[] };
    order.fulfillments = [{ tracking_id: ['111111111111'], item_ids: ['6469567736'] }, { tracking_id: ['222222222222'], item_ids: ['8426249116'] }];
    const withTools = [...tools, spec('track_shipment', ['tracking_id'])];
    const h = new History('delivery', withTools)
      .customer('My email is james.li4495@example.com. Your courier missed me for order #W2611340. Can you deliver it tomorrow instead?')
      .tool('find_user_id_by_email', { email: 'james.li4495@example.com' })
      .tool('get_user_details', { user_id: 'james_li_5688' })
      .tool('get_order_details', { order_id: '#W2611340' }, JSON.stringify(order));
    expect(h.next()).toEqual({ kind: 'call', name: 'track_shipment', args: { tracking_id: '111111111111' } });
    h.tool('track_shipment', { tracking_id: '111111111111' }, JSON.stringify({ tracking_id: '111111111111', status: 'delivered' }));
    expect(h.next()).toEqual({ kind: 'call', name: 'track_shipment', args: { tracking_id: '222222222222' } });
    h.tool('track_shipment', { tracking_id: '222222222222' }, JSON.stringify({ tracking_id: '222222222222', status: 'failed_attempt' }));
    expect(h.next()).toEqual({ kind: 'call', name: 'list_delivery_slots', args: { tracking_id: '222222222222', from_date: '2026-11-29' } });
    // Both missed, the first already given a new window: the other one is meant.
    const both = new History('delivery', withTools)
      .customer('My email is james.li4495@example.com. Your courier missed me for order #W2611340. Can you deliver it tomorrow instead?')
      .tool('find_user_id_by_email', { email: 'james.li4495@example.com' })
      .tool('get_user_details', { user_id: 'james_li_5688' })
      .tool('get_order_details', { order_id: '#W2611340' }, JSON.stringify(order))
      .tool('track_shipment', { tracking_id: '111111111111' }, JSON.stringify({ status: 'failed_attempt', delivery_slot: { slot_id: '100-2026-11-29-0900' } }))
      .tool('track_shipment', { tracking_id: '222222222222' }, JSON.stringify({ status: 'failed_attempt', delivery_slot: null }));
    expect(both.next()).toEqual({ kind: 'call', name: 'list_delivery_slots', args: { tracking_id: '222222222222', from_date: '2026-11-29' } });
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
