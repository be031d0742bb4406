/** Domain types of the warehouse management system (WMS). Quantities are whole units; times are ISO-8601 UTC. */

export interface Warehouse {
  id: string;
  name: string;
  region: string;
  /** Zip-code prefixes this warehouse ships to first (e.g. "100" serves 10001-10099 ...). */
  zipPrefixes: string[];
}

/** Stock of one variant (τ-bench item id) in one warehouse. `available = onHand - reserved`, never negative. */
export interface StockLevel {
  itemId: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  available: number;
}

export interface RequestedLine {
  itemId: string;
  quantity: number;
}

/** One allocated line: `quantity` units of `itemId` taken from `warehouseId`. */
export interface AllocatedLine extends RequestedLine {
  warehouseId: string;
}

export const RESERVATION_STATUSES = ['active', 'released', 'consumed'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export interface Reservation {
  reservationId: string;
  orderId: string;
  customerId: string;
  status: ReservationStatus;
  shipToZip: string | null;
  lines: AllocatedLine[];
  createdAt: string;
  updatedAt: string;
}

export interface ReservationRequest {
  orderId: string;
  customerId: string;
  lines: RequestedLine[];
  /** Destination zip code; warehouses serving it are preferred. */
  shipToZip?: string | undefined;
}

export const FULFILLMENT_STATUSES = ['pending', 'picking', 'packed', 'shipped'] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

/** Picking and packing of one parcel, keyed by the OMS tracking id. */
export interface Fulfillment {
  trackingId: string;
  orderId: string;
  customerId: string;
  warehouseId: string;
  status: FulfillmentStatus;
  itemIds: string[];
  updatedAt: string;
}

export const MOVEMENT_REASONS = ['initial', 'receipt', 'adjustment', 'reservation', 'release', 'shipment'] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];

/** One append-only record of a quantity change. */
export interface StockMovement {
  id: number;
  at: string;
  itemId: string;
  warehouseId: string;
  onHandDelta: number;
  reservedDelta: number;
  reason: MovementReason;
  reference: string | null;
}

export interface LowStockItem {
  itemId: string;
  available: number;
  onHand: number;
  reserved: number;
  threshold: number;
  /** Whether the threshold is the variant's own (`variant`) or the query's default (`default`). */
  thresholdSource: 'variant' | 'default';
}

/** Used when neither the variant nor the query sets a low-stock threshold. */
export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

/** Reservation ids are derived from the order id, so one order has exactly one reservation. */
export function reservationIdFor(orderId: string): string {
  return `rsv_${orderId.replace(/[^A-Za-z0-9]/g, '')}`;
}
