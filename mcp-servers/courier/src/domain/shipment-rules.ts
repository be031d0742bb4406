import { failedPrecondition } from '@agentic-commerce/kit';
import type { Shipment, ShipmentStatus } from './types.ts';

/** The one answer for a missing shipment and for another customer's shipment. */
export const shipmentNotFound = (trackingId: string) => `no shipment with tracking id ${trackingId}`;

/** Statuses in which the carrier still accepts changes to where and when a parcel is delivered. */
export const CHANGEABLE_STATUSES: readonly ShipmentStatus[] = ['label_created', 'in_transit', 'failed_attempt'];

const why: Partial<Record<ShipmentStatus, string>> = {
  out_for_delivery: 'it is already on the van for today; ask again after the delivery attempt',
  delivered: 'it has been delivered',
  returned: 'it has been returned to the sender',
};

/** Refuses a change of delivery (reroute, slot booking, reschedule) once the parcel is out for delivery or done. */
export function assertDeliveryChangeable(shipment: Shipment, change: string): void {
  if (!CHANGEABLE_STATUSES.includes(shipment.status)) {
    throw failedPrecondition(
      `cannot ${change} for shipment ${shipment.trackingId}: it is '${shipment.status}' (${why[shipment.status] ?? 'final'}); ` +
        `only ${CHANGEABLE_STATUSES.map((s) => `'${s}'`).join(', ')} shipments can be changed`,
    );
  }
}

/** Home-delivery slots apply to parcels going to an address, not to a pickup point or locker. */
export function assertHomeDelivery(shipment: Shipment): void {
  if (shipment.destination.kind !== 'address') {
    throw failedPrecondition(
      `shipment ${shipment.trackingId} goes to ${shipment.destination.kind.replace('_', ' ')} ${shipment.destination.locationId}; ` +
        'delivery slots apply to home deliveries: reroute it to an address first',
    );
  }
}

/** Returns start from a delivered parcel. */
export function assertDelivered(shipment: Shipment, action: string): void {
  if (shipment.status !== 'delivered') {
    throw failedPrecondition(`cannot ${action} for shipment ${shipment.trackingId}: it is '${shipment.status}'; only 'delivered' shipments can be returned`);
  }
}
