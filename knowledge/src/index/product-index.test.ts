import { describe, expect, it } from 'vitest';
import type { CatalogProduct } from '../catalog/catalog-types.ts';
import { describeProduct } from '../catalog/describe-product.ts';
import { TauBenchCatalog } from '../catalog/tau-bench-catalog.ts';
import { openEmbeddedStore } from '../store/embedded-store.ts';
import { ProductIndex } from './product-index.ts';

describe('price events', () => {
  it('leave the index exactly as a re-ingest of the new prices would build it (description and cited versions)', async () => {
    const products = (await (await TauBenchCatalog.load()).snapshot()).products.slice(0, 3);
    const index = await ProductIndex.open(await openEmbeddedStore());
    await index.rebuild(products);
    const product = products[0] as CatalogProduct;
    const variant = product.variants[0];
    if (!variant) throw new Error('no variant');
    // A price outside the product's current range.
    await index.apply([{ type: 'variant.price_changed', variantId: variant.variantId, price: 99_999 }]);
    // What a source would snapshot after the change (the description is derived from the variants).
    const repriced: CatalogProduct[] = products.map((p) => {
      if (p !== product) return p;
      const variants = p.variants.map((v) => (v === variant ? { ...v, price: 99_999 } : v));
      return { ...p, variants, description: describeProduct(p.name, p.category, variants) };
    });
    const before = await index.getProduct(product.productId);
    const fresh = await ProductIndex.open(await openEmbeddedStore());
    await fresh.rebuild(repriced);
    const rebuilt = await fresh.getProduct(product.productId);
    expect(before.description).toBe(rebuilt.description);
    expect(before.variants.map((v) => [v.variant_id, v.price, v.citation.version])).toEqual(rebuilt.variants.map((v) => [v.variant_id, v.price, v.citation.version]));
    expect(await index.reconcile(repriced)).toMatchObject({ upserted: 0, deleted: 0 });
  });
});
