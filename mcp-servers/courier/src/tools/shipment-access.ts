import { notFound, type ActionFacts, type ToolContext } from '@agentic-commerce/kit';
import type { Shipment } from '../domain/types.ts';
import type { CourierBackend } from '../store/courier-backend.ts';
import { shipmentNotFound } from '../domain/shipment-rules.ts';

/**
 * Loads a shipment the caller may see: a missing shipment and another customer's shipment get the same NOT_FOUND.
 */
export async function visibleShipment(trackingId: string, ctx: ToolContext<CourierBackend>, lock = false): Promise<Shipment> {
  const shipment = await ctx.backend.getShipment(trackingId, { lock });
  if (!shipment) throw notFound(shipmentNotFound(trackingId));
  await ctx.access.assertCustomer(shipment.customerId, shipmentNotFound(trackingId));
  return shipment;
}

/**
 * Policy facts of a write on a shipment (customer, order, current status, delivery time), read locked: the policy
 * decides on the row the write then changes, and the reference backend's write reuses this read.
 */
export async function shipmentFacts(trackingId: string, ctx: ToolContext<CourierBackend>): Promise<ActionFacts> {
  const shipment = await visibleShipment(trackingId, ctx, true);
  return { customerId: shipment.customerId, orderId: shipment.orderId, status: shipment.status, since: shipment.deliveredAt ?? undefined };
}
