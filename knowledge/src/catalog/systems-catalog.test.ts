import { describe, expect, it } from 'vitest';
import { SystemsCatalog, type CatalogReader, type PriceReader, type StockReader } from './systems-catalog.ts';

// Small in-memory systems of record with the same read interfaces as the OMS, WMS and pricing backends.
type ProductRecord = Awaited<ReturnType<CatalogReader['getProducts']>> extends Map<string, infer R> ? R : never;

function systems() {
  const products = new Map<string, ProductRecord>([
    ['p1', { name: 'Headphones', product_id: 'p1', variants: { v1: { item_id: 'v1', options: { color: 'blue' }, available: true, price: 100 }, v2: { item_id: 'v2', options: { color: 'red' }, available: true, price: 110 } } }],
    ['p2', { name: 'Notebook', product_id: 'p2', variants: { v3: { item_id: 'v3', options: { size: 'A5' }, available: true, price: 10 } } }],
  ]);
  const units = new Map([['v1', 3], ['v2', 0], ['v3', 5]]);
  const prices = new Map([['v1', 95]]);
  const oms: CatalogReader = { getProducts: async () => new Map(products) };
  const wms: StockReader = { availability: async (ids) => new Map(ids.map((id) => [id, units.get(id) ?? 0])) };
  const pricing: PriceReader = { getVariantPrices: async (ids) => ids.filter((id) => prices.has(id)).map((id) => ({ itemId: id, price: prices.get(id) as number })) };
  return { products, units, prices, source: new SystemsCatalog({ oms, wms, pricing }) };
}

describe('SystemsCatalog', () => {
  it('joins OMS variants with WMS availability and current list prices', async () => {
    const { source } = systems();
    const { products } = await source.snapshot();
    expect(products.find((p) => p.productId === 'p1')).toMatchObject({
      category: 'Audio',
      variants: [
        { variantId: 'v1', price: 95, available: true },
        { variantId: 'v2', price: 110, available: false },
      ],
    });
  });

  it('turns differences between snapshots into change events', async () => {
    const s = systems();
    const { cursor } = await s.source.snapshot();
    s.prices.set('v2', 99);
    s.units.set('v1', 0);
    s.products.delete('p2');
    const { events, cursor: next } = await s.source.changesSince(cursor);
    expect(events).toEqual([
      { type: 'product.deleted', productId: 'p2' },
      { type: 'variant.availability_changed', variantId: 'v1', available: false },
      { type: 'variant.price_changed', variantId: 'v2', price: 99 },
    ]);
    expect((await s.source.changesSince(next)).events).toEqual([]);
    await expect(s.source.changesSince(cursor)).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
  });
});
