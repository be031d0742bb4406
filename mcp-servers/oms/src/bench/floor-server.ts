#!/usr/bin/env -S npx tsx
/**
 * The latency floor for the OMS benchmark: a bare McpServer with a `get_order_details` tool that answers a
 * constant order record, no database and no action layer. Stdio by default; `createFloorServer` for HTTP.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { orderSchema, type Order } from '../domain/records.ts';

export const FLOOR_ORDER: Order = {
  order_id: '#W2611340',
  user_id: 'james_li_5688',
  address: { address1: '215 River Road', address2: 'Suite 991', city: 'New York', country: 'USA', state: 'NY', zip: '10083' },
  items: [
    { name: 'Water Bottle', product_id: '8310926033', item_id: '6469567736', price: 47.84, options: { capacity: '1000ml', material: 'glass', color: 'blue' } },
    { name: 'Office Chair', product_id: '4794339885', item_id: '8426249116', price: 488.81, options: { material: 'fabric', color: 'black', armrest: 'fixed', 'backrest height': 'standard' } },
  ],
  fulfillments: [{ tracking_id: ['357962501027'], item_ids: ['6469567736', '8426249116'] }],
  status: 'processed',
  payment_history: [{ transaction_type: 'payment', amount: 536.65, payment_method_id: 'gift_card_1725971' }],
};

export function createFloorServer(): McpServer {
  const server = new McpServer({ name: 'oms-floor', version: '0.0.0' });
  server.registerTool(
    'get_order_details',
    { description: 'Constant order (benchmark floor).', inputSchema: { order_id: z.string().describe('order id') }, outputSchema: orderSchema.shape },
    async () => ({ content: [{ type: 'text', text: JSON.stringify(FLOOR_ORDER) }], structuredContent: FLOOR_ORDER }),
  );
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await createFloorServer().connect(new StdioServerTransport());
}
