import { z } from 'zod';
import { FULFILLMENT_STATUSES, RESERVATION_STATUSES, type Fulfillment, type Reservation, type StockLevel } from '../domain/types.ts';

/** Wire shapes shared by the WMS tools (snake_case like the τ-bench tools), and converters from domain types. */
export const itemIdField = z.string().regex(/^\d+$/, 'item ids are numeric strings such as "6469567736"').describe('variant (item) id, a numeric string');
export const orderIdField = z.string().regex(/^#W\d+$/, 'order ids look like "#W1234567"').describe('order id, e.g. "#W1234567"');

export const stockLevelShape = z.object({
  warehouse_id: z.string().describe('warehouse id'),
  on_hand: z.number().int().describe('units physically in the warehouse'),
  reserved: z.number().int().describe('units held for pending orders'),
  available: z.number().int().describe('units that can still be sold: on_hand - reserved'),
});

export const allocatedLineShape = z.object({
  item_id: z.string().describe('variant id'),
  warehouse_id: z.string().describe('warehouse the units ship from'),
  quantity: z.number().int().describe('units reserved'),
});

export const reservationShape = {
  reservation_id: z.string().describe('reservation id (derived from the order id)'),
  order_id: z.string().describe('order the stock is held for'),
  status: z.enum(RESERVATION_STATUSES).describe('active: units held; released: units returned to stock; consumed: the order shipped'),
  split: z.boolean().describe('true when the order ships from more than one warehouse'),
  lines: z.array(allocatedLineShape).describe('allocated lines, one per variant and warehouse'),
  updated_at: z.string().describe('ISO time of the last change'),
};

export function stockLevelOut(level: StockLevel): z.infer<typeof stockLevelShape> {
  return { warehouse_id: level.warehouseId, on_hand: level.onHand, reserved: level.reserved, available: level.available };
}

export function reservationOut(r: Reservation) {
  return {
    reservation_id: r.reservationId,
    order_id: r.orderId,
    status: r.status,
    split: new Set(r.lines.map((l) => l.warehouseId)).size > 1,
    lines: r.lines.map((l) => ({ item_id: l.itemId, warehouse_id: l.warehouseId, quantity: l.quantity })),
    updated_at: r.updatedAt,
  };
}

export const fulfillmentShape = {
  tracking_id: z.string().describe('tracking id of the parcel (from the OMS order fulfillments)'),
  order_id: z.string().describe('order the parcel belongs to'),
  warehouse_id: z.string().describe('warehouse picking and packing the parcel'),
  status: z.enum(FULFILLMENT_STATUSES).describe('pending -> picking -> packed -> shipped; after "shipped" ask the courier (track_shipment)'),
  item_ids: z.array(z.string()).describe('variant ids in the parcel'),
  updated_at: z.string().describe('ISO time of the last status change'),
};

export function fulfillmentOut(f: Fulfillment) {
  return { tracking_id: f.trackingId, order_id: f.orderId, warehouse_id: f.warehouseId, status: f.status, item_ids: f.itemIds, updated_at: f.updatedAt };
}
