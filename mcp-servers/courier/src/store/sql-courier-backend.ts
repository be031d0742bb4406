import { assertSchemaName, transactionalBackend, type BackendFactory, type Queryable } from '@agentic-commerce/kit';
import type { CourierBackend } from './courier-backend.ts';
import { reroute, selectLocation, selectLocations } from './sql/reroute.ts';
import { createReturnLabel, selectLabel, voidReturnLabel } from './sql/return-labels.ts';
import { cancelPickup, schedulePickup, selectPickup } from './sql/returns.ts';
import { recordEvent, selectEvents, selectShipment } from './sql/shipments.ts';
import { bookSlot, releaseSlot, selectSlot, selectSlots } from './sql/slots.ts';

/**
 * The reference carrier over SQL (PostgreSQL dialect; PGlite and PostgreSQL). Writes lock the shipment row first
 * and must run inside one transaction: MCP write tools get one from the action layer; library callers use
 * `db.transaction`.
 */
export function sqlCourierBackend(schema = 'courier'): BackendFactory<CourierBackend> {
  const s = assertSchemaName(schema);
  // Every change is a statement on `q`, so a write commits or rolls back with its call (kit tool.ts, `effects`).
  return transactionalBackend((q) => ({
    getShipment: (trackingId, options) => selectShipment(q, s, trackingId, options?.lock),
    listEvents: (trackingId) => selectEvents(q, s, trackingId),
    recordEvent: (trackingId, event, at) => recordEvent(q, s, trackingId, event, at),
    listSlots: (query) => selectSlots(q, s, query),
    getSlot: (slotId) => selectSlot(q, s, slotId),
    bookSlot: (trackingId, slotId, at) => bookSlot(q, s, trackingId, slotId, at, 'book'),
    reschedule: (trackingId, slotId, at, expectedSlotId) => bookSlot(q, s, trackingId, slotId, at, 'reschedule', expectedSlotId),
    releaseSlot: (trackingId, at, expectedSlotId) => releaseSlot(q, s, trackingId, at, expectedSlotId),
    reroute: (trackingId, destination, at, slotId, expected) => reroute(q, s, trackingId, destination, at, slotId, expected),
    getLocation: (locationId) => selectLocation(q, s, locationId),
    listLocations: (zipPrefix) => selectLocations(q, s, zipPrefix),
    schedulePickup: (request, at) => schedulePickup(q, s, request, at),
    getPickup: (pickupId) => selectPickup(q, s, pickupId),
    cancelPickup: (pickupId, at) => cancelPickup(q, s, pickupId, at),
    createReturnLabel: (trackingId, itemIds, at) => createReturnLabel(q, s, trackingId, itemIds, at),
    getReturnLabel: (labelId) => selectLabel(q, s, labelId),
    voidReturnLabel: (labelId, at) => voidReturnLabel(q, s, labelId, at),
  }));
}
