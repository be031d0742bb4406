import { z } from 'zod';
import { DEFAULT_LOW_STOCK_THRESHOLD } from '../domain/types.ts';
import { assertKnownWarehouse } from './known-warehouse.ts';
import { tool } from './tool.ts';

export const listLowStock = tool({
  name: 'list_low_stock',
  title: 'List low-stock variants',
  description:
    'Variants whose available units are at or below their low-stock threshold (the variant\'s own, else `threshold`), ' +
    'lowest first. Use it to warn about items that may sell out or to plan replenishment.',
  kind: 'read',
  input: {
    threshold: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(DEFAULT_LOW_STOCK_THRESHOLD)
      .describe(`threshold for variants without their own (default ${DEFAULT_LOW_STOCK_THRESHOLD})`),
    warehouse_id: z.string().min(1).optional().describe('count only this warehouse; omit for all warehouses together'),
    limit: z.number().int().min(1).max(500).default(50).describe('at most this many variants (1-500, default 50)'),
  },
  output: {
    items: z
      .array(
        z.object({
          item_id: z.string().describe('variant id'),
          available: z.number().int().describe('units available to sell'),
          on_hand: z.number().int().describe('units on hand'),
          reserved: z.number().int().describe('units reserved for pending orders'),
          threshold: z.number().int().describe('threshold applied'),
          threshold_source: z.enum(['variant', 'default']).describe("'variant': the variant's own threshold; 'default': the query's"),
        }),
      )
      .describe('low-stock variants, lowest availability first'),
  },
  async handler({ threshold, warehouse_id, limit }, ctx) {
    await assertKnownWarehouse(warehouse_id, ctx);
    const items = await ctx.backend.listLowStock({ defaultThreshold: threshold, warehouseId: warehouse_id, limit });
    return {
      items: items.map((i) => ({
        item_id: i.itemId,
        available: i.available,
        on_hand: i.onHand,
        reserved: i.reserved,
        threshold: i.threshold,
        threshold_source: i.thresholdSource,
      })),
    };
  },
});
