import { heldRows, notFound, type Queryable } from '@agentic-commerce/kit';
import { shipmentNotFound } from '../../domain/shipment-rules.ts';
import { assertStatusTransition } from '../../domain/status-transitions.ts';
import { SHIPMENT_STATUSES, type Shipment, type ShipmentStatus, type TrackingEvent } from '../../domain/types.ts';
import type { NewTrackingEvent } from '../courier-backend.ts';
import { SHIPMENT_COLUMNS } from './columns.ts';

async function readShipment(q: Queryable, s: string, trackingId: string, lock: boolean): Promise<Shipment | undefined> {
  const [row] = await q.query<Shipment>(`SELECT ${SHIPMENT_COLUMNS} FROM ${s}.shipments WHERE tracking_id = $1${lock ? ' FOR UPDATE' : ''}`, [trackingId]);
  return row;
}

/** Shipments read locked by a write's assessment, which its change then uses (kit `heldRows`). */
const heldLocked = heldRows<Shipment>();

/** A shipment; `lock` (inside a transaction only) holds its row until the transaction ends. */
export async function selectShipment(q: Queryable, s: string, trackingId: string, lock = false): Promise<Shipment | undefined> {
  const row = await readShipment(q, s, trackingId, lock);
  if (lock && row) heldLocked.hold(q, `${s}.${trackingId}`, row);
  return row;
}

/** The shipment a change is about to modify, locked: the row this transaction read locked and has not changed yet, else read and lock it now. */
export async function lockShipment(q: Queryable, s: string, trackingId: string): Promise<Shipment> {
  const held = heldLocked.take(q, `${s}.${trackingId}`);
  if (held) return held;
  const shipment = await readShipment(q, s, trackingId, true);
  if (!shipment) throw notFound(shipmentNotFound(trackingId));
  return shipment;
}

export function selectEvents(q: Queryable, s: string, trackingId: string): Promise<TrackingEvent[]> {
  return q.query<TrackingEvent>(`SELECT at, kind, location, note FROM ${s}.tracking_events WHERE tracking_id = $1 ORDER BY at, id`, [trackingId]);
}

export async function appendEvent(q: Queryable, s: string, trackingId: string, event: NewTrackingEvent, at: Date): Promise<void> {
  await q.query(`INSERT INTO ${s}.tracking_events (tracking_id, at, kind, location, note) VALUES ($1, $2, $3, $4, $5)`, [
    trackingId,
    at.toISOString(),
    event.kind,
    event.location ?? null,
    event.note ?? null,
  ]);
}

/** Appends an event; a status kind also moves the shipment (delivered frees its pickup point or locker place). */
export async function recordEvent(q: Queryable, s: string, trackingId: string, event: NewTrackingEvent, at: Date): Promise<Shipment> {
  const shipment = await lockShipment(q, s, trackingId);
  const status = (SHIPMENT_STATUSES as readonly string[]).includes(event.kind) ? (event.kind as ShipmentStatus) : undefined;
  if (status && status !== shipment.status) {
    assertStatusTransition(trackingId, shipment.status, status);
    await q.query(
      `UPDATE ${s}.shipments SET status = $2, updated_at = $3, delivered_at = CASE WHEN $2 = 'delivered' THEN $3::timestamptz ELSE delivered_at END
       WHERE tracking_id = $1`,
      [trackingId, status, at.toISOString()],
    );
    const done = status === 'delivered' || status === 'returned';
    if (done && shipment.destination.locationId) {
      await q.query(`UPDATE ${s}.pickup_locations SET in_use = in_use - 1 WHERE id = $1`, [shipment.destination.locationId]);
    }
  }
  await appendEvent(q, s, trackingId, event, at);
  return (await selectShipment(q, s, trackingId))!;
}
