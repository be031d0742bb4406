import type { Address } from './tau-bench/tau-bench-records.ts';

/**
 * What a world knows beyond the OMS records: where stock sits, what each order's fulfilment went through, and the
 * commercial terms around it. The τ-bench import derives it from the τ-bench files; the generator draws it. Both
 * then load it into WMS, courier and pricing through their backends.
 */
export interface Warehouse {
  id: string;
  name: string;
  /** e.g. "Reno, NV". */
  region: string;
  /** Zip-code prefixes it ships to first. */
  zipPrefixes: string[];
  address: Address;
}

/** The courier's status-changing event kinds (a pickup by the carrier is the first `in_transit`). */
export const TRACKING_EVENT_TYPES = ['label_created', 'in_transit', 'out_for_delivery', 'delivered', 'failed_attempt', 'returned'] as const;
export type TrackingEventType = (typeof TRACKING_EVENT_TYPES)[number];

export interface TrackingEvent {
  type: TrackingEventType;
  /** ISO-8601 UTC. */
  at: string;
  /** Where it happened, e.g. "Denver, CO" or the warehouse name. */
  location: string;
  description: string;
}

/** One tracking id of an order: the items in that parcel, where it left from, and its tracking history. */
export interface ShipmentStory {
  trackingId: string;
  orderId: string;
  warehouseId: string;
  itemIds: string[];
  /** Oldest first; never empty (a shipment exists once its label is created). */
  events: TrackingEvent[];
}

/** One unit of an order line held in a warehouse for an order that has not shipped it yet. */
export interface ReservationStory {
  orderId: string;
  itemId: string;
  warehouseId: string;
  quantity: number;
}

export interface OrderStory {
  orderId: string;
  customerId: string;
  placedAt: string;
  shipments: ShipmentStory[];
  reservations: ReservationStory[];
}

/** Units on hand of one variant in one warehouse (reserved units included). */
export interface StockLevel {
  itemId: string;
  warehouseId: string;
  onHand: number;
}

export interface LoyaltyEntrySeed {
  customerId: string;
  kind: 'earn' | 'redeem';
  points: number;
  orderId: string | undefined;
  at: string;
  description: string;
}
