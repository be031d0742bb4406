import { describe, expect, it } from 'vitest';
import { describeProduct } from './describe-product.ts';
import { syntheticCatalog } from './synthetic-catalog.ts';
import { TauBenchCatalog, productsFromTauBench } from './tau-bench-catalog.ts';

describe('τ-bench catalog', () => {
  it('loads 50 products and 591 variants with a derived category and a factual description', async () => {
    const { products } = await (await TauBenchCatalog.load()).snapshot();
    expect(products).toHaveLength(50);
    expect(products.flatMap((p) => p.variants)).toHaveLength(591);
    const headphones = products.find((p) => p.name === 'Headphones');
    expect(headphones).toMatchObject({ category: 'Audio', department: 'Electronics' });
    expect(headphones?.description).toMatch(/^Headphones \(Audio\), offered in 13 variants\. Type: in-ear, on-ear or over-ear\./);
    expect(products.every((p) => p.category !== 'General')).toBe(true);
  });

  it('publishes change events that changesSince returns from a cursor', async () => {
    const catalog = await TauBenchCatalog.load();
    const { cursor } = await catalog.snapshot();
    catalog.publish({ type: 'variant.price_changed', variantId: '9612497925', price: 10 });
    const { events, cursor: next } = await catalog.changesSince(cursor);
    expect(events).toEqual([{ type: 'variant.price_changed', variantId: '9612497925', price: 10 }]);
    expect((await catalog.changesSince(next)).events).toEqual([]);
    const variant = (await catalog.snapshot()).products.flatMap((p) => p.variants).find((v) => v.variantId === '9612497925');
    expect(variant?.price).toBe(10);
    await expect(catalog.changesSince('99')).rejects.toThrow(/cursor "99" is not a position of this change feed \(0\.\.1\)/);
  });

  it('says what is wrong with a file that is not products.json', () => {
    expect(() => productsFromTauBench({ x: { name: 'A' } })).toThrow(/not a τ-bench products.json: x.product_id/);
  });
});

describe('describeProduct', () => {
  it('states only the option values: no prices, which change by events', () => {
    const text = describeProduct('Mug', 'Kitchen', [
      { variantId: '1', productId: 'p', options: { color: 'red' }, price: 5, available: true },
      { variantId: '2', productId: 'p', options: { color: 'blue' }, price: 7.5, available: false },
    ]);
    expect(text).toBe('Mug (Kitchen), offered in 2 variants. Color: blue or red.');
  });
});

describe('syntheticCatalog', () => {
  it('makes exactly the requested number of variants, identically for one seed', () => {
    const a = syntheticCatalog(1000, 7);
    const b = syntheticCatalog(1000, 7);
    expect(a.flatMap((p) => p.variants)).toHaveLength(1000);
    expect(a).toEqual(b);
    expect(syntheticCatalog(1000, 8)).not.toEqual(a);
    const ids = a.flatMap((p) => p.variants.map((v) => v.variantId));
    expect(new Set(ids).size).toBe(1000);
  });
});
