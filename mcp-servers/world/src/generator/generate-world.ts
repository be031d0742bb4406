import { commercialTerms } from '../commercial-terms.ts';
import { planStockLayout, stockLevels, tallyReservations } from '../stock-layout.ts';
import type { OrderBatch, WorldContent } from '../world-content.ts';
import { generateCatalog } from './generate-catalog.ts';
import { generateCustomer } from './generate-customers.ts';
import { generateOrder, orderHeader, type OrderContext } from './generate-order.ts';
import { parseGeneratorOptions, type GeneratorOptions } from './generator-options.ts';
import { HOURS_IN_TRANSIT } from './order-plan.ts';
import { createPrng } from './prng.ts';
import { PRODUCT_TEMPLATES } from './product-templates.ts';
import { UniqueIds } from './unique-ids.ts';
import { warehouses as namedWarehouses } from './warehouses.ts';
import { worldIds } from './world-ids.ts';

/**
 * A synthetic world, deterministic from the seed and options. Catalog, customers and order headers (who ordered
 * when) are drawn up front; full orders are drawn batch by batch, oldest first, while the world is loaded.
 */
export function generateWorld(input: Partial<GeneratorOptions>): WorldContent & { options: GeneratorOptions } {
  const options = parseGeneratorOptions(input);
  const prng = createPrng(options.seed);
  const unique = new UniqueIds();
  const warehouses = namedWarehouses(options.warehouses);
  const products = generateCatalog(prng.fork('catalog'), options.products, unique);
  const customers = Array.from({ length: options.customers }, (_, i) => generateCustomer(prng.fork('customers'), i, unique));
  const categories = new Map(products.map((p, i) => [p.product_id, PRODUCT_TEMPLATES[i % PRODUCT_TEMPLATES.length]!.name]));
  const ids = worldIds(options.seed);
  const headers = Array.from({ length: options.orders }, (_, i) => orderHeader(prng, i, options.customers, options.days)).sort(
    (a, b) => b.ageHours - a.ageHours || a.index - b.index,
  );
  for (const header of headers) customers[header.customerIndex]!.user.orders.push(ids.orderId(header.index));
  const layout = planStockLayout(prng, products, warehouses);
  const availability = new Map(products.flatMap((p) => Object.values(p.variants).map((v) => [v.item_id, v.available] as const)));
  const ctx: OrderContext = { prng, ids, asOf: options.asOf, customers, products, layout, warehouses: new Map(warehouses.map((w) => [w.id, w])) };
  return {
    options,
    name: `synthetic world (seed ${options.seed})`,
    asOf: options.asOf,
    warehouses,
    products,
    customers,
    category: (product) => categories.get(product.product_id) ?? product.name,
    historyStart: new Date(options.asOf.getTime() - (options.days + 1) * 86_400_000),
    terms: commercialTerms(prng.fork('terms'), products.map((p) => p.product_id), options.asOf),
    orderCount: options.orders,
    *orderBatches(size: number): Iterable<OrderBatch> {
      for (let start = 0; start < headers.length; start += size) {
        const batch: OrderBatch = { orders: [], stories: [] };
        for (const header of headers.slice(start, start + size)) {
          const { order, story } = generateOrder(ctx, header);
          batch.orders.push(order);
          batch.stories.push(story);
        }
        yield batch;
      }
    },
    stock() {
      // Only orders younger than HOURS_IN_TRANSIT can still hold stock: draw just those to size the reservations.
      const young = headers.filter((h) => h.ageHours < HOURS_IN_TRANSIT);
      const reserved = tallyReservations(young.flatMap((h) => generateOrder(ctx, h).story.reservations));
      return stockLevels(prng, layout, (itemId) => availability.get(itemId) === true, reserved);
    },
  };
}
