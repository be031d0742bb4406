import { failedPrecondition, invalidArgument, notFound, type Queryable } from '@agentic-commerce/kit';
import { assertDeliveryChangeable } from '../../domain/shipment-rules.ts';
import type { Destination, PickupLocation, Shipment } from '../../domain/types.ts';
import { areaOf } from '../../domain/zip-area.ts';
import type { DestinationRequest, ExpectedPlace, RerouteChange } from '../courier-backend.ts';
import { LOCATION_COLUMNS } from './columns.ts';
import { appendEvent, lockShipment, selectShipment } from './shipments.ts';
import { bookSlot, freeSlot, releaseSlot } from './slots.ts';

export async function selectLocation(q: Queryable, s: string, locationId: string, lock = false): Promise<PickupLocation | undefined> {
  const [row] = await q.query<PickupLocation>(`SELECT ${LOCATION_COLUMNS} FROM ${s}.pickup_locations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [locationId]);
  return row;
}

export function selectLocations(q: Queryable, s: string, zipPrefix: string): Promise<PickupLocation[]> {
  return q.query<PickupLocation>(`SELECT ${LOCATION_COLUMNS} FROM ${s}.pickup_locations WHERE zip_prefix = $1 ORDER BY kind, id`, [zipPrefix]);
}

async function resolve(q: Queryable, s: string, request: DestinationRequest): Promise<Destination> {
  if (request.kind === 'address') {
    areaOf(request.address.zip);
    return { kind: 'address', locationId: null, address: request.address };
  }
  const label = request.kind.replace('_', ' ');
  const location = await selectLocation(q, s, request.locationId, true);
  if (!location) throw notFound(`no ${label} ${request.locationId}; give the id of a ${label} in the customer's area`);
  if (location.kind !== request.kind) throw invalidArgument(`${request.locationId} is a ${location.kind.replace('_', ' ')}, not a ${label}`);
  if (location.inUse >= location.capacity) {
    const nearby = (await selectLocations(q, s, location.zipPrefix)).filter((l) => l.inUse < l.capacity);
    const offer = nearby.length > 0 ? `places with room nearby: ${nearby.map((l) => `${l.locationId} (${l.kind.replace('_', ' ')}, ${l.name})`).join('; ')}` : 'no other place in this area has room';
    throw failedPrecondition(`${label} ${location.locationId} (${location.name}) is full (${location.inUse}/${location.capacity}); ${offer}`, {
      alternatives: nearby.map((l) => l.locationId),
    });
  }
  return { kind: location.kind, locationId: location.locationId, address: location.address };
}

/** The same place, comparing address fields rather than their JSON (key order differs once an address has been on the wire). */
const samePlace = (a: Destination, b: Destination) =>
  a.kind === b.kind && a.locationId === b.locationId &&
  (['address1', 'address2', 'city', 'state', 'country', 'zip'] as const).every((k) => (a.address[k] ?? '') === (b.address[k] ?? ''));
const describe = (d: Destination) => (d.kind === 'address' ? `address in ${d.address.city} ${d.address.zip}` : `${d.kind.replace('_', ' ')} ${d.locationId}`);

const sameDestination = (a: Destination, b: Destination) =>
  a.kind === b.kind && a.locationId === b.locationId && (a.kind !== 'address' || JSON.stringify(a.address) === JSON.stringify(b.address));

/** Moves the destination (unless it is the same), freeing a slot when the parcel leaves home delivery or its area. */
async function moveTo(q: Queryable, s: string, shipment: Shipment, request: DestinationRequest, at: Date): Promise<void> {
  const unchanged = request.kind !== 'address' && shipment.destination.kind === request.kind && shipment.destination.locationId === request.locationId;
  if (unchanged) return;
  const target = await resolve(q, s, request);
  if (sameDestination(target, shipment.destination)) return;
  const leavesArea = target.kind !== 'address' || areaOf(target.address.zip) !== areaOf(shipment.destination.address.zip);
  if (leavesArea) await freeSlot(q, s, shipment, at, 'rerouted');
  if (shipment.destination.locationId) await q.query(`UPDATE ${s}.pickup_locations SET in_use = in_use - 1 WHERE id = $1`, [shipment.destination.locationId]);
  if (target.locationId) await q.query(`UPDATE ${s}.pickup_locations SET in_use = in_use + 1 WHERE id = $1`, [target.locationId]);
  await q.query(`UPDATE ${s}.shipments SET destination_kind = $2, location_id = $3, address = $4, updated_at = $5 WHERE tracking_id = $1`, [
    shipment.trackingId,
    target.kind,
    target.locationId,
    JSON.stringify(target.address),
    at.toISOString(),
  ]);
  const where = target.kind === 'address' ? `address in ${target.address.city} ${target.address.zip}` : `${target.kind.replace('_', ' ')} ${target.locationId}`;
  await appendEvent(q, s, shipment.trackingId, { kind: 'rerouted', location: target.address.city, note: `rerouted to ${where}` }, at);
}

/**
 * Sends a parcel elsewhere before it is out for delivery. A booked home-delivery slot is freed when the parcel
 * leaves home delivery or its area; a pickup point or locker place is taken (and the previous one freed). `slotId`
 * books that slot at the new address in the same change (moving a booked one); null frees any booked slot.
 */
export async function reroute(q: Queryable, s: string, trackingId: string, request: DestinationRequest, at: Date, slotId?: string | null, expected?: ExpectedPlace): Promise<RerouteChange> {
  const shipment = await lockShipment(q, s, trackingId);
  if (expected && (!samePlace(shipment.destination, expected.destination) || shipment.slotId !== expected.slotId)) {
    throw failedPrecondition(`shipment ${trackingId} is no longer where this change expects it (now ${describe(shipment.destination)}, slot ${shipment.slotId ?? 'none'}); nothing was changed`);
  }
  assertDeliveryChangeable(shipment, 'reroute');
  if (typeof slotId === 'string' && request.kind !== 'address') {
    throw invalidArgument(`a delivery slot (${slotId}) needs an address destination; a ${request.kind.replace('_', ' ')} has no delivery slots`);
  }
  await moveTo(q, s, shipment, request, at);
  // The slot change reads the moved shipment afresh (lockShipment: the held read was used above).
  if (slotId === null) await releaseSlot(q, s, trackingId, at);
  else if (slotId !== undefined) await bookSlot(q, s, trackingId, slotId, at, 'reschedule');
  return { shipment: (await selectShipment(q, s, trackingId))!, previousSlotId: shipment.slotId, previousDestination: shipment.destination };
}
