import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { invalidArgument } from '@agentic-commerce/kit/errors';
import { categoryOf } from './categories.ts';
import { ChangeFeed } from './change-feed.ts';
import type { CatalogEvent, CatalogProduct, CatalogSource, CatalogVariant } from './catalog-types.ts';
import { describeProduct } from './describe-product.ts';

/** Where the τ-bench retail data lives: `../shared/data/tau-bench-retail` next to the repository, or TAU_BENCH_DIR. */
export function tauBenchDataDir(): string {
  return process.env.TAU_BENCH_DIR ?? fileURLToPath(new URL('../../../../shared/data/tau-bench-retail', import.meta.url));
}

const productsFileSchema = z.record(
  z.string(),
  z.object({
    name: z.string().min(1),
    product_id: z.string().min(1),
    variants: z.record(
      z.string(),
      z.object({ item_id: z.string().min(1), options: z.record(z.string(), z.string()), available: z.boolean(), price: z.number() }),
    ),
  }),
);

/** Converts τ-bench products.json content into catalog products (category and description derived). */
export function productsFromTauBench(json: unknown): CatalogProduct[] {
  const parsed = productsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw invalidArgument(`not a τ-bench products.json: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return Object.values(parsed.data).map((product) => {
    const variants: CatalogVariant[] = Object.values(product.variants).map((v) => ({
      variantId: v.item_id,
      productId: product.product_id,
      options: v.options,
      price: v.price,
      available: v.available,
    }));
    const { department, category } = categoryOf(product.name);
    return { productId: product.product_id, name: product.name, category, department, description: describeProduct(product.name, category, variants), variants };
  });
}

/**
 * The catalog from τ-bench's products.json, with an in-process change feed: `publish` events (price, stock,
 * product changes) and an index following `changesSince` picks them up incrementally.
 */
export class TauBenchCatalog implements CatalogSource {
  readonly name = 'tau-bench';
  private readonly feed = new ChangeFeed();

  constructor(private products: CatalogProduct[]) {}

  static async load(path = join(tauBenchDataDir(), 'products.json')): Promise<TauBenchCatalog> {
    return new TauBenchCatalog(productsFromTauBench(JSON.parse(await readFile(path, 'utf8'))));
  }

  async snapshot() {
    return { products: structuredClone(this.products), cursor: this.feed.head() };
  }

  async changesSince(cursor: string) {
    return this.feed.since(cursor);
  }

  /** Applies events to this catalog and appends them to its feed. */
  publish(...events: CatalogEvent[]): void {
    for (const event of events) this.products = applyCatalogEvent(this.products, event);
    this.feed.append(...events);
  }
}

/** Pure application of one event to a product list (unknown ids are ignored: the event concerns nothing here). */
export function applyCatalogEvent(products: CatalogProduct[], event: CatalogEvent): CatalogProduct[] {
  switch (event.type) {
    case 'product.upserted':
      return [...products.filter((p) => p.productId !== event.product.productId), event.product];
    case 'product.deleted':
      return products.filter((p) => p.productId !== event.productId);
    case 'variant.price_changed':
    case 'variant.availability_changed':
      return products.map((p) => ({
        ...p,
        variants: p.variants.map((v) =>
          v.variantId !== event.variantId ? v : event.type === 'variant.price_changed' ? { ...v, price: event.price } : { ...v, available: event.available },
        ),
      }));
  }
}
