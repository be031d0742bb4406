import type { WmsBulkData } from '@agentic-commerce/wms';
import type { OrderRecord } from '../tau-bench/tau-bench-records.ts';
import type { OrderStory, ShipmentStory, Warehouse } from '../world-model.ts';

export function wmsWarehouses(warehouses: readonly Warehouse[]): NonNullable<WmsBulkData['warehouses']> {
  return warehouses.map(({ id, name, region, zipPrefixes }) => ({ id, name, region, zipPrefixes: [...zipPrefixes] }));
}

/** A parcel the carrier has picked up (first in_transit) has left the warehouse; one with only a label is packed. */
function fulfillmentStatus(shipment: ShipmentStory): 'packed' | 'shipped' {
  return shipment.events.some((e) => e.type === 'in_transit') ? 'shipped' : 'packed';
}

/** The WMS side of a batch of orders: active reservations of what is still to ship, and one fulfillment per parcel. */
export function wmsOrderRows(orders: readonly OrderRecord[], stories: readonly OrderStory[]): Pick<WmsBulkData, 'reservations' | 'fulfillments'> {
  const byId = new Map(orders.map((o) => [o.order_id, o]));
  const reservations: NonNullable<WmsBulkData['reservations']> = [];
  const fulfillments: NonNullable<WmsBulkData['fulfillments']> = [];
  for (const story of stories) {
    const order = byId.get(story.orderId);
    if (!order) throw new RangeError(`story of order ${story.orderId} has no order in its batch`);
    if (story.reservations.length > 0) {
      const lines = new Map<string, { itemId: string; warehouseId: string; quantity: number }>();
      for (const r of story.reservations) {
        const key = `${r.itemId}\u0000${r.warehouseId}`;
        const line = lines.get(key) ?? { itemId: r.itemId, warehouseId: r.warehouseId, quantity: 0 };
        line.quantity += r.quantity;
        lines.set(key, line);
      }
      reservations.push({ orderId: story.orderId, customerId: story.customerId, status: 'active', shipToZip: order.address.zip, lines: [...lines.values()], createdAt: story.placedAt });
    }
    for (const shipment of story.shipments) {
      const status = fulfillmentStatus(shipment);
      const at = shipment.events.find((e) => e.type === (status === 'shipped' ? 'in_transit' : 'label_created'))!.at;
      fulfillments.push({ trackingId: shipment.trackingId, orderId: story.orderId, customerId: story.customerId, warehouseId: shipment.warehouseId, status, itemIds: [...shipment.itemIds], updatedAt: at });
    }
  }
  return { reservations, fulfillments };
}
