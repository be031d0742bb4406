import { slotsForArea, type CourierBulkData } from '@agentic-commerce/courier';
import type { Prng } from '../generator/prng.ts';
import type { Address, OrderRecord } from '../tau-bench/tau-bench-records.ts';
import type { OrderStory } from '../world-model.ts';

type ShipmentRow = NonNullable<CourierBulkData['shipments']>[number];

/** Days of delivery slots a world offers from its "now". */
export const SLOT_DAYS = 14;

/** One courier shipment per tracking id, addressed to the order's shipping address, its status its last event. */
export function courierShipmentRows(orders: readonly OrderRecord[], stories: readonly OrderStory[]): ShipmentRow[] {
  const byId = new Map(orders.map((o) => [o.order_id, o]));
  return stories.flatMap((story) => {
    const order = byId.get(story.orderId);
    if (!order) throw new RangeError(`story of order ${story.orderId} has no order in its batch`);
    return story.shipments.map((s): ShipmentRow => {
      const first = s.events[0]!;
      const last = s.events[s.events.length - 1]!;
      return {
        trackingId: s.trackingId,
        orderId: story.orderId,
        customerId: story.customerId,
        serviceLevel: 'standard',
        status: last.type,
        destination: { kind: 'address', locationId: null, address: { ...order.address } },
        itemIds: [...s.itemIds],
        slotId: null,
        createdAt: first.at,
        updatedAt: last.at,
        deliveredAt: s.events.findLast((e) => e.type === 'delivered')?.at ?? null,
        events: s.events.map((e) => ({ at: e.at, kind: e.type, location: e.location, note: e.description })),
      };
    });
  });
}

/**
 * The carrier's network where the customers live: for every delivery area (zip prefix) a pickup point and a locker,
 * and `SLOT_DAYS` days of delivery windows from `asOf` (capacity 2-12 per window; some areas are busy).
 */
export function courierNetwork(prng: Prng, addresses: Iterable<Address>, asOf: Date): Pick<CourierBulkData, 'locations' | 'slots'> {
  const areas = new Map<string, Address>();
  for (const a of addresses) if (/^\d{5}$/.test(a.zip) && !areas.has(a.zip.slice(0, 3))) areas.set(a.zip.slice(0, 3), a);
  const locations: NonNullable<CourierBulkData['locations']> = [];
  const slots: NonNullable<CourierBulkData['slots']> = [];
  const fromDay = asOf.toISOString().slice(0, 10);
  for (const [zipPrefix, sample] of [...areas].sort(([a], [b]) => a.localeCompare(b))) {
    const stream = prng.fork('courier-area', zipPrefix);
    const place = { address2: '', city: sample.city, state: sample.state, country: sample.country, zip: `${zipPrefix}${String(stream.int(0, 99)).padStart(2, '0')}` };
    locations.push({ locationId: `pp_${zipPrefix}`, kind: 'pickup_point', name: `${sample.city} corner shop counter`, address: { address1: `${stream.int(1, 999)} Market Street`, ...place }, zipPrefix, capacity: stream.int(20, 80) });
    locations.push({ locationId: `lk_${zipPrefix}`, kind: 'locker', name: `${sample.city} parcel locker`, address: { address1: `${stream.int(1, 999)} Station Square`, ...place }, zipPrefix, capacity: stream.int(10, 40) });
    const busy = stream.chance(0.25);
    for (const slot of slotsForArea(zipPrefix, fromDay, SLOT_DAYS, 1)) {
      slots.push({ slotId: slot.slotId, zipPrefix, day: slot.day, windowStart: slot.windowStart, windowEnd: slot.windowEnd, capacity: busy ? stream.int(0, 3) : stream.int(2, 12) });
    }
  }
  return { locations, slots };
}
