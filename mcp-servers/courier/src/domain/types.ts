/** Domain types of the courier (carrier) system. Times are ISO-8601 UTC; days are "YYYY-MM-DD". */

export interface Address {
  address1: string;
  address2: string;
  city: string;
  state: string;
  country: string;
  zip: string;
}

export const SERVICE_LEVELS = ['standard', 'express', 'next_day'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

export const SHIPMENT_STATUSES = ['label_created', 'in_transit', 'out_for_delivery', 'delivered', 'failed_attempt', 'returned'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Tracking events: every status change, plus the changes a customer asked for. */
export const TRACKING_EVENT_KINDS = [...SHIPMENT_STATUSES, 'rerouted', 'delivery_scheduled', 'delivery_unscheduled'] as const;
export type TrackingEventKind = (typeof TRACKING_EVENT_KINDS)[number];

export const DESTINATION_KINDS = ['address', 'pickup_point', 'locker'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];
export type LocationKind = Exclude<DestinationKind, 'address'>;

export interface Destination {
  kind: DestinationKind;
  /** The pickup point or locker, for those kinds. */
  locationId: string | null;
  address: Address;
}

/** One parcel, keyed by the OMS tracking id. */
export interface Shipment {
  trackingId: string;
  orderId: string;
  customerId: string;
  serviceLevel: ServiceLevel;
  status: ShipmentStatus;
  destination: Destination;
  itemIds: string[];
  /** The booked home-delivery slot, if any. */
  slotId: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export interface TrackingEvent {
  at: string;
  kind: TrackingEventKind;
  location: string | null;
  note: string | null;
}

/** A delivery window in one area (zip prefix) on one day. Windows are in UTC. */
export interface DeliverySlot {
  slotId: string;
  zipPrefix: string;
  day: string;
  windowStart: string;
  windowEnd: string;
  capacity: number;
  booked: number;
}

/** A pickup point (a shop counter) or a parcel locker. */
export interface PickupLocation {
  locationId: string;
  kind: LocationKind;
  name: string;
  address: Address;
  zipPrefix: string;
  capacity: number;
  /** Parcels routed there and not yet delivered. */
  inUse: number;
}

export const PICKUP_WINDOWS = ['morning', 'afternoon'] as const;
export type PickupWindow = (typeof PICKUP_WINDOWS)[number];
export const PICKUP_STATUSES = ['scheduled', 'cancelled', 'completed'] as const;
export type PickupStatus = (typeof PICKUP_STATUSES)[number];

export interface ReturnPickup {
  pickupId: string;
  trackingId: string;
  orderId: string;
  customerId: string;
  address: Address;
  day: string;
  window: PickupWindow;
  status: PickupStatus;
  createdAt: string;
  updatedAt: string;
}

export interface ReturnLabel {
  labelId: string;
  trackingId: string;
  orderId: string;
  customerId: string;
  itemIds: string[];
  carrierReference: string;
  createdAt: string;
  /** When the label was voided (it can no longer be used); null while it is valid. */
  voidedAt: string | null;
}
