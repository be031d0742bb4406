import { registerTools, type ActionRuntime, type BackendFactory } from '@agentic-commerce/kit';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { WmsBackend } from './store/wms-backend.ts';
import { getFulfillmentStatus } from './tools/get-fulfillment-status.ts';
import { getStock } from './tools/get-stock.ts';
import { listLowStock } from './tools/list-low-stock.ts';
import { releaseReservation } from './tools/release-reservation.ts';
import { reserveStock } from './tools/reserve-stock.ts';

export const WMS_SERVER_NAME = 'wms';
export const WMS_SERVER_VERSION = '0.1.0';

/** Every WMS tool, in the order clients list them. */
export const wmsTools = [getStock, reserveStock, releaseReservation, listLowStock, getFulfillmentStatus];

export interface CreateWmsServerOptions {
  runtime: ActionRuntime;
  backend: BackendFactory<WmsBackend>;
}

/** The WMS MCP server: the only place its tools are wired to the action layer. */
export function createWmsServer({ runtime, backend }: CreateWmsServerOptions): McpServer {
  const server = new McpServer(
    { name: WMS_SERVER_NAME, version: WMS_SERVER_VERSION },
    { instructions: 'Warehouse system: stock per variant and warehouse, reservations for pending orders, low stock, picking/packing status per parcel.' },
  );
  registerTools(server, 'wms', wmsTools, runtime, backend);
  return server;
}
