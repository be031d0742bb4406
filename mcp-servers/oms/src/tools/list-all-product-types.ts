import { z } from 'zod';
import { tool } from './tool.ts';

export const listAllProductTypes = tool({
  name: 'list_all_product_types',
  title: 'List all product types',
  description:
    'List the name and product id of every product type in the store (sorted by name). Each product type has variants (items) with their own item ids and options; use get_product_details for those.',
  kind: 'read',
  input: {},
  output: { product_types: z.record(z.string(), z.string()).describe('product name -> product id, sorted by name') },
  async handler(_input, ctx) {
    const types = await ctx.backend.listProductTypes();
    return { product_types: Object.fromEntries(types.map((t) => [t.name, t.product_id])) };
  },
});
