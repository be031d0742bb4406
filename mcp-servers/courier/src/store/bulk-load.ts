import { assertSchemaName, invalidArgument, type Queryable } from '@agentic-commerce/kit';
import type { DeliverySlot, PickupLocation, Shipment, TrackingEvent } from '../domain/types.ts';

export interface CourierBulkData {
  /** Pickup points and lockers; `inUse` is derived from the shipments routed there. */
  locations?: Omit<PickupLocation, 'inUse'>[];
  /** Delivery slots; `booked` is derived from the shipments booked in them. */
  slots?: Omit<DeliverySlot, 'booked'>[];
  shipments?: (Omit<Shipment, 'updatedAt'> & { updatedAt?: string; events: TrackingEvent[] })[];
}

export interface CourierBulkCounts {
  locations: number;
  slots: number;
  shipments: number;
  events: number;
}

/** Rows per statement: large enough to amortise round trips, small enough for PGlite's memory. */
const CHUNK = 5_000;

async function chunked<T>(rows: readonly T[] | undefined, load: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < (rows?.length ?? 0); i += CHUNK) await load(rows!.slice(i, i + CHUNK));
}

/**
 * Loads a world's courier data with multi-row `unnest` inserts (a few statements per 5,000 rows) and derives slot
 * bookings and pickup-point/locker occupancy from the loaded shipments (delivered and returned parcels no longer
 * occupy a place). May be called several times; run each call in a transaction on a migrated schema.
 */
export async function bulkLoadCourier(q: Queryable, schema: string, data: CourierBulkData): Promise<CourierBulkCounts> {
  const s = assertSchemaName(schema);
  await chunked(data.locations, (rows) =>
    q.query(
      `INSERT INTO ${s}.pickup_locations (id, kind, name, address, zip_prefix, capacity)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::int[])`,
      [rows.map((r) => r.locationId), rows.map((r) => r.kind), rows.map((r) => r.name), rows.map((r) => JSON.stringify(r.address)), rows.map((r) => r.zipPrefix), rows.map((r) => r.capacity)],
    ),
  );
  await chunked(data.slots, (rows) =>
    q.query(
      `INSERT INTO ${s}.delivery_slots (id, zip_prefix, day, window_start, window_end, capacity)
       SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[], $6::int[])`,
      [rows.map((r) => r.slotId), rows.map((r) => r.zipPrefix), rows.map((r) => r.day), rows.map((r) => r.windowStart), rows.map((r) => r.windowEnd), rows.map((r) => r.capacity)],
    ),
  );
  let events = 0;
  await chunked(data.shipments, async (rows) => {
    await q.query(
      `INSERT INTO ${s}.shipments (tracking_id, order_id, customer_id, service_level, status, destination_kind, location_id, address,
         item_ids, slot_id, created_at, updated_at, delivered_at)
       SELECT t.tracking_id, t.order_id, t.customer_id, t.service_level, t.status, t.kind, t.location_id, t.address,
         string_to_array(t.item_ids, ','), t.slot_id, t.created_at, t.updated_at, t.delivered_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[],
         $10::text[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[])
         AS t(tracking_id, order_id, customer_id, service_level, status, kind, location_id, address, item_ids, slot_id, created_at, updated_at, delivered_at)`,
      [
        rows.map((r) => r.trackingId),
        rows.map((r) => r.orderId),
        rows.map((r) => r.customerId),
        rows.map((r) => r.serviceLevel),
        rows.map((r) => r.status),
        rows.map((r) => r.destination.kind),
        rows.map((r) => r.destination.locationId),
        rows.map((r) => JSON.stringify(r.destination.address)),
        rows.map((r) => r.itemIds.join(',')),
        rows.map((r) => r.slotId),
        rows.map((r) => r.createdAt),
        rows.map((r) => r.updatedAt ?? r.events.at(-1)?.at ?? r.createdAt),
        rows.map((r) => r.deliveredAt),
      ],
    );
    const flat = rows.flatMap((r) => r.events.map((e) => ({ trackingId: r.trackingId, ...e })));
    events += flat.length;
    await q.query(
      `INSERT INTO ${s}.tracking_events (tracking_id, at, kind, location, note)
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[])`,
      [flat.map((e) => e.trackingId), flat.map((e) => e.at), flat.map((e) => e.kind), flat.map((e) => e.location), flat.map((e) => e.note)],
    );
    await occupy(q, s, rows.map((r) => r.trackingId));
  });
  return { locations: data.locations?.length ?? 0, slots: data.slots?.length ?? 0, shipments: data.shipments?.length ?? 0, events };
}

/** Counts the loaded shipments into their slots and pickup places, refusing overbooking with a clear error. */
async function occupy(q: Queryable, s: string, trackingIds: string[]): Promise<void> {
  const loaded = `FROM ${s}.shipments WHERE tracking_id = ANY($1::text[])`;
  const slotUse = `SELECT slot_id AS id, count(*)::int AS n ${loaded} AND slot_id IS NOT NULL GROUP BY slot_id`;
  const placeUse = `SELECT location_id AS id, count(*)::int AS n ${loaded} AND location_id IS NOT NULL AND status NOT IN ('delivered', 'returned') GROUP BY location_id`;
  const [overSlot] = await q.query<{ id: string; n: number; capacity: number }>(
    `SELECT d.id, d.booked + u.n AS n, d.capacity FROM ${s}.delivery_slots d JOIN (${slotUse}) u ON u.id = d.id WHERE d.booked + u.n > d.capacity LIMIT 1`,
    [trackingIds],
  );
  if (overSlot) throw invalidArgument(`bulk load: ${overSlot.n} shipments booked in slot ${overSlot.id}, which holds ${overSlot.capacity}`);
  const [overPlace] = await q.query<{ id: string; n: number; capacity: number }>(
    `SELECT p.id, p.in_use + u.n AS n, p.capacity FROM ${s}.pickup_locations p JOIN (${placeUse}) u ON u.id = p.id WHERE p.in_use + u.n > p.capacity LIMIT 1`,
    [trackingIds],
  );
  if (overPlace) throw invalidArgument(`bulk load: ${overPlace.n} parcels routed to ${overPlace.id}, which holds ${overPlace.capacity}`);
  await q.query(`UPDATE ${s}.delivery_slots d SET booked = d.booked + u.n FROM (${slotUse}) u WHERE u.id = d.id`, [trackingIds]);
  await q.query(`UPDATE ${s}.pickup_locations p SET in_use = p.in_use + u.n FROM (${placeUse}) u WHERE u.id = p.id`, [trackingIds]);
}
