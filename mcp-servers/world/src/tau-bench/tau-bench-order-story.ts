import { createPrng } from '../generator/prng.ts';
import { warehouseLocation } from '../generator/warehouses.ts';
import { outcomeForStatus, trackingTimeline } from '../shipment-timeline.ts';
import { allocateLines, warehouseFor, type StockLayout } from '../stock-layout.ts';
import type { OrderStory, Warehouse } from '../world-model.ts';
import type { OrderRecord } from './tau-bench-records.ts';

const HOUR = 3_600_000;

/** Hours before `asOf` an order of this status was placed: long enough for its parcels to reach their state. */
function ageHours(status: string, draw: (min: number, max: number) => number): number {
  if (status.startsWith('pending')) return draw(2, 34);
  if (status === 'processed') return draw(60, 110);
  if (status === 'cancelled') return draw(24, 30 * 24);
  return draw(8 * 24, 25 * 24);
}

/**
 * What τ-bench's records imply about an order they give no dates for: placed recently enough for its status
 * (delivered ones inside a 30-day return window), shipped from a warehouse that stocks its items, tracked to its
 * state; pending orders hold their units in the warehouses that will ship them. Deterministic per order id.
 */
export function tauBenchOrderStory(order: OrderRecord, world: { asOf: Date; layout: StockLayout; warehouses: ReadonlyMap<string, Warehouse> }): OrderStory {
  const prng = createPrng('tau-bench').fork('order', order.order_id);
  const placedAt = new Date(world.asOf.getTime() - ageHours(order.status, prng.int) * HOUR);
  const destination = `${order.address.city}, ${order.address.state}`;
  const shipments = order.fulfillments.flatMap((fulfillment) =>
    fulfillment.tracking_id.map((trackingId) => {
      const warehouseId = warehouseFor(prng, world.layout, fulfillment.item_ids[0] ?? order.items[0]?.item_id ?? '');
      const events = trackingTimeline(prng.fork('track', trackingId), {
        start: new Date(placedAt.getTime() + prng.int(2, 20) * HOUR).toISOString(),
        outcome: outcomeForStatus(order.status),
        origin: warehouseLocation(world.warehouses.get(warehouseId)!),
        destination,
        notAfter: world.asOf.toISOString(),
      });
      return { trackingId, orderId: order.order_id, warehouseId, itemIds: [...fulfillment.item_ids], events };
    }),
  );
  const reservations = order.status.startsWith('pending')
    ? allocateLines(prng, world.layout, order.items.map((item) => item.item_id)).map((line) => ({ orderId: order.order_id, ...line, quantity: 1 }))
    : [];
  return { orderId: order.order_id, customerId: order.user_id, placedAt: placedAt.toISOString(), shipments, reservations };
}
