import { createHash } from 'node:crypto';
import type { CatalogProduct, CatalogVariant } from '../catalog/catalog-types.ts';
import { optionTag } from '../query/product-filters.ts';
import type { TextField } from '../sparse/sparse-encoder.ts';
import type { CollectionSpec, Payload } from '../store/vector-store.ts';

export const PRODUCTS_COLLECTION = 'products';

export function productCollectionSpec(denseSize?: number): CollectionSpec {
  return {
    name: PRODUCTS_COLLECTION,
    denseSize,
    indexes: [
      { key: 'product_id', type: 'keyword' },
      { key: 'category_key', type: 'keyword' },
      { key: 'department_key', type: 'keyword' },
      { key: 'price', type: 'float' },
      { key: 'available', type: 'bool' },
      { key: 'option_tags', type: 'keyword' },
      { key: 'option_values', type: 'keyword' },
    ],
  };
}

/**
 * The searchable text of a variant, by field weight: the product name counts three times, category and option
 * values twice, option names once. The product-level description lists every option of every variant, so it is
 * kept out of the ranking text (it would make all variants of a product look alike) and stored for display.
 */
export function variantFields(product: CatalogProduct, variant: CatalogVariant): TextField[] {
  return [
    { text: product.name, weight: 5 },
    { text: `${product.category} ${product.department}`, weight: 2 },
    { text: Object.values(variant.options).join(' '), weight: 2 },
    { text: Object.keys(variant.options).join(' '), weight: 1 },
  ];
}

/** Text for a dense embedding model: one sentence about the variant. */
export function variantSentence(product: CatalogProduct, variant: CatalogVariant): string {
  const options = Object.entries(variant.options).map(([k, v]) => `${k} ${v}`).join(', ');
  return `${product.name} (${product.category}, ${product.department}): ${options}.`;
}

/** Content hash of everything indexed about a variant: the version cited in answers and compared by sync. */
export function variantHash(product: CatalogProduct, variant: CatalogVariant): string {
  return contentHash([product.name, product.category, product.department, product.description, variant.options, variant.price, variant.available]);
}

/** The same hash from a stored payload (after a price or stock patch), so sync and events agree on versions. */
export function payloadHash(payload: Payload): string {
  return contentHash([payload.product_name, payload.category, payload.department, payload.description, payload.options, payload.price, payload.available]);
}

function contentHash(content: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

export function variantPayload(product: CatalogProduct, variant: CatalogVariant): Payload {
  return {
    variant_id: variant.variantId,
    product_id: product.productId,
    product_name: product.name,
    category: product.category,
    category_key: product.category.toLowerCase(),
    department: product.department,
    department_key: product.department.toLowerCase(),
    description: product.description,
    options: variant.options,
    option_tags: Object.entries(variant.options).map(([k, v]) => optionTag(k, v)),
    option_values: Object.values(variant.options).map((v) => v.toLowerCase()),
    price: variant.price,
    available: variant.available,
    hash: variantHash(product, variant),
  };
}

/** A search hit as the tools return it. */
export interface ProductHit {
  variant_id: string;
  product_id: string;
  product_name: string;
  category: string;
  options: Record<string, string>;
  price: number;
  available: boolean;
  score: number;
  /** Citation: the variant and the content version the answer relied on. */
  citation: { id: string; version: string };
}

export function hitFromPayload(id: string, payload: Payload, score: number): ProductHit {
  return {
    variant_id: id,
    product_id: String(payload.product_id),
    product_name: String(payload.product_name),
    category: String(payload.category),
    options: (payload.options ?? {}) as Record<string, string>,
    price: Number(payload.price),
    available: payload.available === true,
    score,
    citation: { id: `variant:${id}`, version: String(payload.hash) },
  };
}
