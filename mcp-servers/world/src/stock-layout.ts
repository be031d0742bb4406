import type { Prng } from './generator/prng.ts';
import type { ProductRecord } from './tau-bench/tau-bench-records.ts';
import type { ReservationStory, StockLevel, Warehouse } from './world-model.ts';

/** Which warehouses carry each variant (item id → warehouse ids, never empty). */
export type StockLayout = Map<string, string[]>;

/**
 * Spreads the catalog over the warehouses: an available variant sits in one to three warehouses, an unavailable
 * one keeps a single home warehouse (where its reservations live) with nothing free to sell.
 */
export function planStockLayout(prng: Prng, products: Iterable<ProductRecord>, warehouses: readonly Warehouse[]): StockLayout {
  if (warehouses.length === 0) throw new RangeError('a world needs at least one warehouse');
  const ids = warehouses.map((w) => w.id);
  const layout: StockLayout = new Map();
  for (const product of products) {
    for (const variant of Object.values(product.variants)) {
      const stream = prng.fork('layout', variant.item_id);
      const count = variant.available ? stream.int(1, Math.min(3, ids.length)) : 1;
      layout.set(variant.item_id, stream.sample(ids, count));
    }
  }
  return layout;
}

/** Adds reserved units per item and warehouse into `into` (so batches can be accumulated). */
export function tallyReservations(reservations: Iterable<ReservationStory>, into = new Map<string, number>()): Map<string, number> {
  for (const r of reservations) {
    const key = `${r.itemId}\u0000${r.warehouseId}`;
    into.set(key, (into.get(key) ?? 0) + r.quantity);
  }
  return into;
}

/**
 * On-hand units per variant and warehouse: what the reservations hold plus, for available variants, some free
 * units (so the catalog's `available` is exactly "some warehouse has unreserved stock").
 */
export function stockLevels(
  prng: Prng,
  layout: StockLayout,
  isAvailable: (itemId: string) => boolean,
  reserved: Map<string, number>,
): StockLevel[] {
  const levels = new Map<string, StockLevel>();
  for (const [itemId, warehouseIds] of layout) {
    for (const warehouseId of warehouseIds) {
      const free = isAvailable(itemId) ? prng.fork('stock', itemId, warehouseId).int(2, 60) : 0;
      levels.set(`${itemId}\u0000${warehouseId}`, { itemId, warehouseId, onHand: free });
    }
  }
  for (const [key, quantity] of reserved) {
    const [itemId = '', warehouseId = ''] = key.split('\u0000');
    const level = levels.get(key) ?? { itemId, warehouseId, onHand: 0 };
    level.onHand += quantity;
    levels.set(key, level);
  }
  return [...levels.values()];
}

/** The warehouse an order line is served from: one that carries the variant. */
export function warehouseFor(prng: Prng, layout: StockLayout, itemId: string): string {
  const carriers = layout.get(itemId);
  if (!carriers || carriers.length === 0) throw new RangeError(`item ${itemId} is not in the catalog`);
  return prng.pick(carriers);
}

/**
 * Serves an order's lines from as few warehouses as the layout allows (greedy: the warehouse carrying most of the
 * remaining lines first, ties broken by the stream), as a WMS allocator would. Keeps the lines' order.
 */
export function allocateLines(prng: Prng, layout: StockLayout, itemIds: readonly string[]): { itemId: string; warehouseId: string }[] {
  const assigned = new Array<string | undefined>(itemIds.length).fill(undefined);
  const tieBreak = new Map<string, number>();
  for (;;) {
    const counts = new Map<string, number>();
    itemIds.forEach((itemId, i) => {
      if (assigned[i] !== undefined) return;
      for (const w of layout.get(itemId) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    });
    if (counts.size === 0) break;
    for (const w of counts.keys()) if (!tieBreak.has(w)) tieBreak.set(w, prng.next());
    const [best] = [...counts].sort((a, b) => b[1] - a[1] || tieBreak.get(a[0])! - tieBreak.get(b[0])!)[0]!;
    itemIds.forEach((itemId, i) => {
      if (assigned[i] === undefined && layout.get(itemId)?.includes(best)) assigned[i] = best;
    });
  }
  return itemIds.map((itemId, i) => {
    const warehouseId = assigned[i];
    if (warehouseId === undefined) throw new RangeError(`item ${itemId} is not in the catalog`);
    return { itemId, warehouseId };
  });
}
