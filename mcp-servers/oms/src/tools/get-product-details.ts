import { notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { productSchema } from '../domain/records.ts';
import { tool } from './tool.ts';

export const getProductDetails = tool({
  name: 'get_product_details',
  title: 'Get product details',
  description:
    'Get a product type and all its variants (item ids, options, availability, price). Use it to find an available variant to modify or exchange an item for. Product ids and item ids are different things.',
  kind: 'read',
  input: { product_id: z.string().min(1).describe("The product id, such as '6086499569'. Be careful the product id is different from the item id.") },
  output: productSchema.shape,
  async handler({ product_id }, ctx) {
    const product = await ctx.backend.getProduct(product_id);
    if (!product) throw notFound(`product ${product_id} not found; list_all_product_types gives the product ids`);
    return product;
  },
});
