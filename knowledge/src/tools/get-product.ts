import { z } from 'zod';
import { productHitShape } from './output-shapes.ts';
import { tool } from './tool.ts';

export const getProduct = tool({
  name: 'get_product',
  title: 'Get a product',
  description:
    'One product from the catalog with its factual description and every variant (options, price, availability). ' +
    'Use it after search_products to compare the options of a product.',
  kind: 'read',
  input: { product_id: z.string().regex(/^\d+$/, 'a numeric product id').describe('product id, e.g. "6992792935"') },
  output: {
    product_id: z.string().describe('product id'),
    name: z.string().describe('product name'),
    category: z.string().describe('category'),
    department: z.string().describe('department'),
    description: z.string().describe('factual description built from the catalog data'),
    variants: z.array(productHitShape).describe('every variant, cheapest first'),
  },
  async handler({ product_id }, ctx) {
    const product = await ctx.backend.products.getProduct(product_id);
    ctx.cite({ kind: 'record', id: `product:${product_id}`, note: `${product.variants.length} variants` });
    return product;
  },
});
