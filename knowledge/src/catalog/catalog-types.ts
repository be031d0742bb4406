import { z } from 'zod';

/** One purchasable item (τ-bench "item"): a product in one combination of options. */
export const catalogVariantSchema = z.object({
  variantId: z.string().min(1).describe('item id, e.g. "9612497925"'),
  productId: z.string().min(1).describe('product id, e.g. "9523456873"'),
  options: z.record(z.string(), z.string()).describe('option name -> value, e.g. { color: "blue", size: "M" }'),
  price: z.number().nonnegative().describe('unit price in USD'),
  available: z.boolean().describe('whether it can be ordered now (in stock)'),
});
export type CatalogVariant = z.infer<typeof catalogVariantSchema>;

export const catalogProductSchema = z.object({
  productId: z.string().min(1).describe('product id'),
  name: z.string().min(1).describe('product name, e.g. "T-Shirt"'),
  category: z.string().min(1).describe('category, e.g. "Audio"'),
  department: z.string().min(1).describe('department above the category, e.g. "Electronics"'),
  description: z.string().describe('short factual description'),
  variants: z.array(catalogVariantSchema).describe('its variants'),
});
export type CatalogProduct = z.infer<typeof catalogProductSchema>;

/** Change events a catalog, pricing or stock system emits; the indexer applies them without a rebuild. */
export const catalogEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('product.upserted'), product: catalogProductSchema }),
  z.object({ type: z.literal('product.deleted'), productId: z.string().min(1) }),
  z.object({ type: z.literal('variant.price_changed'), variantId: z.string().min(1), price: z.number().nonnegative() }),
  z.object({ type: z.literal('variant.availability_changed'), variantId: z.string().min(1), available: z.boolean() }),
]);
export type CatalogEvent = z.infer<typeof catalogEventSchema>;

export interface CatalogSnapshot {
  products: CatalogProduct[];
  /** Position in the change feed this snapshot corresponds to; pass it to `changesSince`. */
  cursor: string;
}

/**
 * Where the index gets the catalog from. The OMS owns products and variants, pricing owns prices, the WMS owns
 * stock; an implementation joins them. `changesSince` drives incremental re-indexing.
 */
export interface CatalogSource {
  readonly name: string;
  snapshot(): Promise<CatalogSnapshot>;
  /** Events after `cursor` (in order) and the cursor to ask from next time. */
  changesSince(cursor: string): Promise<{ events: CatalogEvent[]; cursor: string }>;
}
