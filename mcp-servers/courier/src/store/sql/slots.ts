import { conflict, failedPrecondition, notFound, type Queryable } from '@agentic-commerce/kit';
import { addDays, assertSlotBookable, dayOf, slotStart } from '../../domain/delivery-slots.ts';
import { assertDeliveryChangeable, assertHomeDelivery } from '../../domain/shipment-rules.ts';
import type { DeliverySlot, Shipment } from '../../domain/types.ts';
import { areaOf } from '../../domain/zip-area.ts';
import type { SlotChange, SlotQuery } from '../courier-backend.ts';
import { SLOT_COLUMNS } from './columns.ts';
import { appendEvent, lockShipment, selectShipment } from './shipments.ts';

/** How many alternatives a refusal of a full slot offers, and how far ahead it looks for them (days). */
const ALTERNATIVES = 5;
const ALTERNATIVES_HORIZON_DAYS = 14;

export function selectSlots(q: Queryable, s: string, query: SlotQuery): Promise<DeliverySlot[]> {
  return q.query<DeliverySlot>(
    `SELECT ${SLOT_COLUMNS} FROM ${s}.delivery_slots WHERE zip_prefix = $1 AND day BETWEEN $2::date AND $3::date ORDER BY day, window_start`,
    [query.zipPrefix, query.fromDay, query.toDay],
  );
}

export async function selectSlot(q: Queryable, s: string, slotId: string, lock = false): Promise<DeliverySlot | undefined> {
  const [row] = await q.query<DeliverySlot>(`SELECT ${SLOT_COLUMNS} FROM ${s}.delivery_slots WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [slotId]);
  return row;
}

async function alternatives(q: Queryable, s: string, zipPrefix: string, now: Date): Promise<DeliverySlot[]> {
  const slots = await selectSlots(q, s, { zipPrefix, fromDay: dayOf(now), toDay: addDays(dayOf(now), ALTERNATIVES_HORIZON_DAYS) });
  return slots.filter((slot) => slot.booked < slot.capacity && slotStart(slot) > now).slice(0, ALTERNATIVES);
}

async function freeSlot(q: Queryable, s: string, shipment: Shipment, at: Date, note: string): Promise<void> {
  if (!shipment.slotId) return;
  await q.query(`UPDATE ${s}.delivery_slots SET booked = booked - 1 WHERE id = $1`, [shipment.slotId]);
  await q.query(`UPDATE ${s}.shipments SET slot_id = NULL, updated_at = $2 WHERE tracking_id = $1`, [shipment.trackingId, at.toISOString()]);
  await appendEvent(q, s, shipment.trackingId, { kind: 'delivery_unscheduled', note: `${note}: slot ${shipment.slotId} freed` }, at);
}

/** Books `slotId` for the shipment. `mode` book refuses a shipment already booked elsewhere; reschedule moves it. */
export async function bookSlot(q: Queryable, s: string, trackingId: string, slotId: string, at: Date, mode: 'book' | 'reschedule', expectedSlotId?: string | null): Promise<SlotChange> {
  const shipment = await lockShipment(q, s, trackingId);
  const previousSlotId = shipment.slotId;
  if (expectedSlotId !== undefined && previousSlotId !== expectedSlotId) {
    throw failedPrecondition(`shipment ${trackingId} is booked in ${previousSlotId ? `slot ${previousSlotId}` : 'no slot'}, not ${expectedSlotId ?? 'none'}; nothing was changed`);
  }
  assertDeliveryChangeable(shipment, mode === 'book' ? 'book a delivery slot' : 'reschedule the delivery');
  assertHomeDelivery(shipment);
  if (previousSlotId === slotId) return { shipment, previousSlotId };
  if (previousSlotId && mode === 'book') {
    throw conflict(`shipment ${trackingId} is already booked in slot ${previousSlotId}; use reschedule_delivery to move it to ${slotId}`);
  }
  const slot = await selectSlot(q, s, slotId, true);
  if (!slot) throw notFound(`no delivery slot ${slotId}; list_delivery_slots shows the bookable slots for this shipment`);
  assertSlotBookable(slot, shipment, at, slot.booked >= slot.capacity ? await alternatives(q, s, areaOf(shipment.destination.address.zip), at) : []);
  if (previousSlotId) await freeSlot(q, s, shipment, at, 'rescheduled');
  await q.query(`UPDATE ${s}.delivery_slots SET booked = booked + 1 WHERE id = $1`, [slotId]);
  await q.query(`UPDATE ${s}.shipments SET slot_id = $2, updated_at = $3 WHERE tracking_id = $1`, [trackingId, slotId, at.toISOString()]);
  await appendEvent(q, s, trackingId, { kind: 'delivery_scheduled', note: `delivery booked for ${slot.day} ${slot.windowStart}-${slot.windowEnd} (slot ${slotId})` }, at);
  return { shipment: (await selectShipment(q, s, trackingId))!, previousSlotId };
}

export async function releaseSlot(q: Queryable, s: string, trackingId: string, at: Date, expectedSlotId?: string | null): Promise<SlotChange> {
  const shipment = await lockShipment(q, s, trackingId);
  const previousSlotId = shipment.slotId;
  if (expectedSlotId !== undefined && previousSlotId !== null && previousSlotId !== expectedSlotId) {
    throw failedPrecondition(`shipment ${trackingId} is booked in slot ${previousSlotId}, not ${expectedSlotId ?? 'none'}; nothing was released`);
  }
  if (!previousSlotId) return { shipment, previousSlotId };
  assertDeliveryChangeable(shipment, 'release the delivery slot');
  await freeSlot(q, s, shipment, at, 'released on request');
  return { shipment: (await selectShipment(q, s, trackingId))!, previousSlotId };
}

export { freeSlot };
