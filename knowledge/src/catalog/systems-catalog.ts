import { failedPrecondition } from '@agentic-commerce/kit/errors';
import { categoryOf } from './categories.ts';
import type { CatalogEvent, CatalogProduct, CatalogSnapshot, CatalogSource } from './catalog-types.ts';
import { describeProduct } from './describe-product.ts';

/**
 * What the index reads from each system. The OMS, WMS and pricing backends (`OmsBackend`, `WmsBackend`,
 * `PricingBackend`) satisfy these structurally, so this package needs no dependency on theirs.
 */
export interface CatalogReader {
  getProducts(): Promise<Map<string, { name: string; product_id: string; variants: Record<string, { item_id: string; options: Record<string, string>; available: boolean; price: number }> }>>;
}
export interface StockReader {
  /** Available units per variant over all warehouses (unknown ids map to 0). */
  availability(itemIds: readonly string[]): Promise<Map<string, number>>;
}
export interface PriceReader {
  getVariantPrices(itemIds: readonly string[], at: Date): Promise<{ itemId: string; price: number }[]>;
}

export interface SystemsCatalogOptions {
  oms: CatalogReader;
  /** When given, a variant is available exactly when the WMS has units available; else the OMS flag counts. */
  wms?: StockReader | undefined;
  /** When given, the current list price wins over the OMS's catalog price. */
  pricing?: PriceReader | undefined;
  now?: () => Date;
}

/**
 * The catalog as the systems of record hold it: products and variants from the OMS, stock from the WMS, prices
 * from pricing. None of them publishes one change feed for all three, so `changesSince` compares the systems with
 * the snapshot taken at `cursor` (kept in memory) and emits the events that turn one into the other. A cursor from
 * another process is refused: re-index by content hashes instead (`pnpm knowledge reindex`).
 */
export class SystemsCatalog implements CatalogSource {
  readonly name = 'systems';
  private readonly snapshots = new Map<string, Map<string, CatalogProduct>>();
  private sequence = 0;

  constructor(private readonly options: SystemsCatalogOptions) {}

  async snapshot(): Promise<CatalogSnapshot> {
    const products = await this.read();
    return { products, cursor: this.remember(products) };
  }

  async changesSince(cursor: string): Promise<{ events: CatalogEvent[]; cursor: string }> {
    const before = this.snapshots.get(cursor);
    if (!before) throw failedPrecondition(`cursor "${cursor}" was not issued by this process; re-index by content hashes (pnpm knowledge reindex)`);
    const after = await this.read();
    const events: CatalogEvent[] = [];
    const now = new Map(after.map((p) => [p.productId, p]));
    for (const [id] of before) if (!now.has(id)) events.push({ type: 'product.deleted', productId: id });
    for (const product of after) {
      const old = before.get(product.productId);
      const sameShape =
        old !== undefined &&
        old.name === product.name &&
        old.variants.length === product.variants.length &&
        product.variants.every((v) => JSON.stringify(old.variants.find((o) => o.variantId === v.variantId)?.options) === JSON.stringify(v.options));
      if (!sameShape) {
        events.push({ type: 'product.upserted', product });
        continue;
      }
      for (const variant of product.variants) {
        const previous = old.variants.find((o) => o.variantId === variant.variantId);
        if (previous && previous.price !== variant.price) events.push({ type: 'variant.price_changed', variantId: variant.variantId, price: variant.price });
        if (previous && previous.available !== variant.available) events.push({ type: 'variant.availability_changed', variantId: variant.variantId, available: variant.available });
      }
    }
    this.snapshots.delete(cursor);
    return { events, cursor: this.remember(after) };
  }

  private remember(products: CatalogProduct[]): string {
    const cursor = `systems-${++this.sequence}`;
    this.snapshots.set(cursor, new Map(products.map((p) => [p.productId, p])));
    return cursor;
  }

  private async read(): Promise<CatalogProduct[]> {
    const records = [...(await this.options.oms.getProducts()).values()];
    const itemIds = records.flatMap((p) => Object.keys(p.variants));
    const stock = this.options.wms ? await this.options.wms.availability(itemIds) : undefined;
    const now = (this.options.now ?? (() => new Date()))();
    const prices = this.options.pricing ? new Map((await this.options.pricing.getVariantPrices(itemIds, now)).map((p) => [p.itemId, p.price])) : undefined;
    return records
      .sort((a, b) => a.product_id.localeCompare(b.product_id))
      .map((record) => {
        const variants = Object.values(record.variants).map((v) => ({
          variantId: v.item_id,
          productId: record.product_id,
          options: v.options,
          price: prices?.get(v.item_id) ?? v.price,
          available: stock ? (stock.get(v.item_id) ?? 0) > 0 : v.available,
        }));
        const { department, category } = categoryOf(record.name);
        return { productId: record.product_id, name: record.name, category, department, description: describeProduct(record.name, category, variants), variants };
      });
  }
}
