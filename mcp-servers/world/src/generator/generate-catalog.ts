import type { ProductRecord, VariantRecord } from '../tau-bench/tau-bench-records.ts';
import type { Prng } from './prng.ts';
import { PRODUCT_SERIES, PRODUCT_TEMPLATES } from './product-templates.ts';
import { UniqueIds } from './unique-ids.ts';

/** Share of variants that are out of stock (catalog `available: false`, no free WMS stock). */
export const OUT_OF_STOCK_RATE = 0.15;

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * `count` products, τ-bench style: a product type ("Trail Backpack") with 2-12 variants of distinct option
 * combinations and numeric product and item ids. About one product in 25 is sold out in every variant.
 */
export function generateCatalog(prng: Prng, count: number, ids: UniqueIds): ProductRecord[] {
  const products: ProductRecord[] = [];
  for (let index = 0; index < count; index++) {
    const stream = prng.fork('product', index);
    const template = PRODUCT_TEMPLATES[index % PRODUCT_TEMPLATES.length]!;
    const round = Math.floor(index / PRODUCT_TEMPLATES.length);
    const series = round === 0 ? '' : `${PRODUCT_SERIES[(round - 1) % PRODUCT_SERIES.length]}${round > PRODUCT_SERIES.length ? ` ${Math.ceil(round / PRODUCT_SERIES.length)}` : ''} `;
    const soldOut = stream.chance(0.04);
    const base = stream.int(template.price[0] * 100, template.price[1] * 100) / 100;
    const wanted = stream.int(2, 12);
    const seen = new Set<string>();
    const variants: Record<string, VariantRecord> = {};
    for (let attempt = 0; attempt < wanted * 4 && seen.size < wanted; attempt++) {
      const options = Object.fromEntries(Object.entries(template.options).map(([name, values]) => [name, stream.pick(values)]));
      const key = JSON.stringify(options);
      if (seen.has(key)) continue;
      seen.add(key);
      const itemId = ids.next(stream, 10);
      variants[itemId] = {
        item_id: itemId,
        options,
        available: !soldOut && !stream.chance(OUT_OF_STOCK_RATE),
        price: round2(base * (0.9 + stream.next() * 0.2)),
      };
    }
    const productId = ids.next(stream, 10);
    products.push({ name: `${series}${template.name}`, product_id: productId, variants });
  }
  return products;
}
