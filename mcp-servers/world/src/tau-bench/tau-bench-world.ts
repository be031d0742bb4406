import { commercialTerms } from '../commercial-terms.ts';
import { createPrng } from '../generator/prng.ts';
import { warehouses as namedWarehouses } from '../generator/warehouses.ts';
import { planStockLayout, stockLevels, tallyReservations } from '../stock-layout.ts';
import type { OrderBatch, WorldContent } from '../world-content.ts';
import { tauBenchOrderStory } from './tau-bench-order-story.ts';
import type { OrderRecord, TauBenchData } from './tau-bench-records.ts';

export interface TauBenchWorldOptions {
  /** The world's "now": every derived timestamp is at or before it. */
  asOf: Date;
  /** How many warehouses hold the stock; defaults to 3. */
  warehouses?: number;
}

/** Orders in the order the OMS import loads them: each user's list in turn, then orders no user lists. */
export function tauBenchLoadOrder(data: TauBenchData): OrderRecord[] {
  const listed = Object.values(data.users).flatMap((u) => u.orders.map((id) => data.orders[id]).filter((o): o is OrderRecord => o !== undefined));
  const seen = new Set(listed.map((o) => o.order_id));
  return [...listed, ...Object.values(data.orders).filter((o) => !seen.has(o.order_id))];
}

/**
 * The τ-bench records as a world for all four systems: warehouses and stock (available variants have free units,
 * unavailable ones only what pending orders hold), one shipment per tracking id with events matching the order
 * status, the promotions in force, and the orders' stories. Deterministic for a given `asOf`.
 */
export function tauBenchWorld(data: TauBenchData, options: TauBenchWorldOptions): WorldContent {
  const { asOf } = options;
  const prng = createPrng('tau-bench');
  const warehouses = namedWarehouses(options.warehouses ?? 3);
  const byId = new Map(warehouses.map((w) => [w.id, w]));
  const products = Object.values(data.products);
  const layout = planStockLayout(prng, products, warehouses);
  const availability = new Map(products.flatMap((p) => Object.values(p.variants).map((v) => [v.item_id, v.available] as const)));
  const orders = tauBenchLoadOrder(data);
  const stories = orders.map((order) => tauBenchOrderStory(order, { asOf, layout, warehouses: byId }));
  return {
    name: 'τ-bench retail',
    asOf,
    warehouses,
    products,
    customers: Object.entries(data.users).map(([userId, user]) => ({ userId, user })),
    category: (product) => product.name,
    historyStart: new Date(asOf.getTime() - 60 * 86_400_000),
    terms: commercialTerms(prng.fork('terms'), Object.keys(data.products), asOf),
    orderCount: orders.length,
    *orderBatches(size: number): Iterable<OrderBatch> {
      for (let start = 0; start < orders.length; start += size) {
        yield { orders: orders.slice(start, start + size), stories: stories.slice(start, start + size) };
      }
    },
    stock: () => stockLevels(prng, layout, (itemId) => availability.get(itemId) === true, tallyReservations(stories.flatMap((s) => s.reservations))),
  };
}
