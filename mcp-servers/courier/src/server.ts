import { registerTools, type ActionRuntime, type BackendFactory } from '@agentic-commerce/kit';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CourierBackend } from './store/courier-backend.ts';
import { bookDeliverySlot } from './tools/book-delivery-slot.ts';
import { cancelPickup } from './tools/cancel-pickup.ts';
import { createReturnLabel } from './tools/create-return-label.ts';
import { listDeliverySlots } from './tools/list-delivery-slots.ts';
import { listPickupLocations } from './tools/list-pickup-locations.ts';
import { releaseDeliverySlot } from './tools/release-delivery-slot.ts';
import { rerouteShipment } from './tools/reroute-shipment.ts';
import { rescheduleDelivery } from './tools/reschedule-delivery.ts';
import { scheduleReturnPickup } from './tools/schedule-return-pickup.ts';
import { trackShipment } from './tools/track-shipment.ts';
import { voidReturnLabel } from './tools/void-return-label.ts';

export const COURIER_SERVER_NAME = 'courier';
export const COURIER_SERVER_VERSION = '0.1.0';

/** Every courier tool, in the order clients list them. */
export const courierTools = [
  trackShipment,
  listDeliverySlots,
  bookDeliverySlot,
  releaseDeliverySlot,
  rescheduleDelivery,
  listPickupLocations,
  rerouteShipment,
  scheduleReturnPickup,
  cancelPickup,
  createReturnLabel,
  voidReturnLabel,
];

export interface CreateCourierServerOptions {
  runtime: ActionRuntime;
  backend: BackendFactory<CourierBackend>;
}

/** The courier MCP server: the only place its tools are wired to the action layer. */
export function createCourierServer({ runtime, backend }: CreateCourierServerOptions): McpServer {
  const server = new McpServer(
    { name: COURIER_SERVER_NAME, version: COURIER_SERVER_VERSION },
    { instructions: 'Carrier system: tracking, home-delivery slots, reschedules, reroutes to addresses, pickup points and lockers, return pickups and labels.' },
  );
  registerTools(server, 'courier', courierTools, runtime, backend);
  return server;
}
