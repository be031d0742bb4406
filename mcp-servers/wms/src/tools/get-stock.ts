import { notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { itemIdField, stockLevelOut, stockLevelShape } from './output-shapes.ts';
import { assertKnownWarehouse } from './known-warehouse.ts';
import { tool } from './tool.ts';

export const getStock = tool({
  name: 'get_stock',
  title: 'Get stock of a variant',
  description:
    'Stock of one variant (item id) per warehouse: on hand, reserved for pending orders, and available to sell. ' +
    'Use it to answer "is this in stock?" or "how many can I order?" before quoting or ordering.',
  kind: 'read',
  input: {
    item_id: itemIdField,
    warehouse_id: z.string().min(1).optional().describe('only this warehouse; omit for all warehouses'),
  },
  output: {
    item_id: z.string().describe('variant id'),
    available_total: z.number().int().describe('units available to sell over the listed warehouses'),
    in_stock: z.boolean().describe('true when at least one unit is available'),
    warehouses: z.array(stockLevelShape).describe('stock per warehouse, ordered by warehouse id'),
  },
  async handler({ item_id, warehouse_id }, ctx) {
    await assertKnownWarehouse(warehouse_id, ctx);
    const levels = await ctx.backend.getStock(item_id, warehouse_id);
    if (levels.length === 0) {
      throw notFound(
        warehouse_id
          ? `warehouse ${warehouse_id} holds no stock record for item ${item_id}; omit warehouse_id to see every warehouse`
          : `the warehouse system has no stock record for item ${item_id}; check the item id with get_product_details`,
      );
    }
    const available = levels.reduce((sum, l) => sum + l.available, 0);
    return { item_id, available_total: available, in_stock: available > 0, warehouses: levels.map(stockLevelOut) };
  },
});
