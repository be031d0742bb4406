import { conflict, failedPrecondition, invalidArgument, notFound, type Queryable } from '@agentic-commerce/kit';
import { dayOf } from '../../domain/delivery-slots.ts';
import { assertPickupDay } from '../../domain/return-rules.ts';
import { assertDelivered } from '../../domain/shipment-rules.ts';
import type { ReturnPickup } from '../../domain/types.ts';
import { areaOf } from '../../domain/zip-area.ts';
import type { PickupRequest, PickupScheduling } from '../courier-backend.ts';
import { PICKUP_COLUMNS } from './columns.ts';
import { lockShipment } from './shipments.ts';

export async function selectPickup(q: Queryable, s: string, pickupId: string, lock = false): Promise<ReturnPickup | undefined> {
  const [row] = await q.query<ReturnPickup>(`SELECT ${PICKUP_COLUMNS} FROM ${s}.return_pickups WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [pickupId]);
  return row;
}

/** The shipment's row lock (held to the end of the transaction) serialises requests, so `created` is exact under concurrency. */
export async function schedulePickup(q: Queryable, s: string, request: PickupRequest, at: Date): Promise<PickupScheduling> {
  const shipment = await lockShipment(q, s, request.trackingId);
  assertDelivered(shipment, 'schedule a return pickup');
  assertPickupDay(request.day, at);
  if (!request.address && shipment.destination.kind !== 'address') {
    throw invalidArgument(`shipment ${shipment.trackingId} was delivered to ${shipment.destination.kind.replace('_', ' ')} ${shipment.destination.locationId}; give the address to collect the return from`);
  }
  const address = request.address ?? shipment.destination.address;
  areaOf(address.zip);
  const [existing] = await q.query<ReturnPickup>(`SELECT ${PICKUP_COLUMNS} FROM ${s}.return_pickups WHERE tracking_id = $1 AND status = 'scheduled'`, [request.trackingId]);
  if (existing) {
    if (existing.day === request.day && existing.window === request.window && JSON.stringify(existing.address) === JSON.stringify(address)) return { pickup: existing, created: false };
    throw conflict(`return pickup ${existing.pickupId} is already scheduled for shipment ${request.trackingId} on ${existing.day} (${existing.window}); cancel_pickup it first to book another`);
  }
  const [row] = await q.query<{ id: string }>(`SELECT 'PU' || lpad(nextval('${s}.return_pickup_numbers')::text, 8, '0') AS id`);
  await q.query(
    `INSERT INTO ${s}.return_pickups (id, tracking_id, order_id, customer_id, address, day, time_window, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'scheduled', $8, $8)`,
    [row!.id, shipment.trackingId, shipment.orderId, shipment.customerId, JSON.stringify(address), request.day, request.window, at.toISOString()],
  );
  return { pickup: (await selectPickup(q, s, row!.id))!, created: true };
}

export async function cancelPickup(q: Queryable, s: string, pickupId: string, at: Date): Promise<ReturnPickup> {
  const pickup = await selectPickup(q, s, pickupId, true);
  if (!pickup) throw notFound(`no return pickup ${pickupId}`);
  if (pickup.status === 'cancelled') return pickup;
  if (pickup.status === 'completed') throw failedPrecondition(`return pickup ${pickupId} is 'completed' (the parcel was collected); it cannot be cancelled`);
  if (pickup.day < dayOf(at)) throw failedPrecondition(`return pickup ${pickupId} was due on ${pickup.day}, which has passed; it cannot be cancelled`);
  await q.query(`UPDATE ${s}.return_pickups SET status = 'cancelled', updated_at = $2 WHERE id = $1`, [pickupId, at.toISOString()]);
  return { ...pickup, status: 'cancelled', updatedAt: at.toISOString() };
}
