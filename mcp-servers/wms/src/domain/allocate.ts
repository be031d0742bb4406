import { failedPrecondition } from '@agentic-commerce/kit';
import type { AllocatedLine, RequestedLine, StockLevel, Warehouse } from './types.ts';

export interface Allocation {
  lines: AllocatedLine[];
  /** Warehouses used, in ranking order. */
  warehouseIds: string[];
  split: boolean;
}

/** A warehouse serves a zip when one of its prefixes starts the zip code. */
export function servesZip(warehouse: Warehouse, zip: string | undefined): boolean {
  return zip !== undefined && warehouse.zipPrefixes.some((prefix) => zip.startsWith(prefix));
}

/** Ranking: warehouses serving the destination first, then by id (deterministic). */
export function rankWarehouses(warehouses: readonly Warehouse[], shipToZip: string | undefined): Warehouse[] {
  return [...warehouses].sort((a, b) => {
    const serves = Number(servesZip(b, shipToZip)) - Number(servesZip(a, shipToZip));
    return serves !== 0 ? serves : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/**
 * Chooses where each requested unit ships from.
 * 1. One warehouse that can ship every line wins (the best-ranked such warehouse), so the order ships as one parcel.
 * 2. Otherwise the order is split: each line, in request order, takes units first from warehouses already used
 *    (fewer parcels), then from the ranking, until the line is covered.
 * Refuses with FAILED_PRECONDITION, naming every short variant, when total availability cannot cover the request.
 */
export function allocate(
  lines: readonly RequestedLine[],
  stock: readonly StockLevel[],
  warehouses: readonly Warehouse[],
  shipToZip?: string,
): Allocation {
  const available = new Map<string, number>();
  const key = (itemId: string, warehouseId: string) => `${itemId}@${warehouseId}`;
  for (const level of stock) available.set(key(level.itemId, level.warehouseId), Math.max(0, level.available));
  const availableOf = (itemId: string, warehouseId: string) => available.get(key(itemId, warehouseId)) ?? 0;
  const ranked = rankWarehouses(warehouses, shipToZip);

  const shortages = lines
    .map((line) => ({ line, total: ranked.reduce((sum, w) => sum + availableOf(line.itemId, w.id), 0) }))
    .filter(({ line, total }) => total < line.quantity);
  if (shortages.length > 0) {
    const text = shortages.map(({ line, total }) => `item ${line.itemId}: requested ${line.quantity}, available ${total}`).join('; ');
    throw failedPrecondition(`not enough stock to reserve: ${text}. Reduce the quantities or choose other variants.`, {
      shortages: shortages.map(({ line, total }) => ({ itemId: line.itemId, requested: line.quantity, available: total })),
    });
  }

  const single = ranked.find((w) => lines.every((line) => availableOf(line.itemId, w.id) >= line.quantity));
  if (single) {
    return { lines: lines.map((line) => ({ ...line, warehouseId: single.id })), warehouseIds: [single.id], split: false };
  }

  const used: string[] = [];
  const allocated: AllocatedLine[] = [];
  for (const line of lines) {
    let need = line.quantity;
    const order = [...ranked.filter((w) => used.includes(w.id)), ...ranked.filter((w) => !used.includes(w.id))];
    for (const warehouse of order) {
      if (need === 0) break;
      const take = Math.min(need, availableOf(line.itemId, warehouse.id));
      if (take === 0) continue;
      allocated.push({ itemId: line.itemId, warehouseId: warehouse.id, quantity: take });
      available.set(key(line.itemId, warehouse.id), availableOf(line.itemId, warehouse.id) - take);
      if (!used.includes(warehouse.id)) used.push(warehouse.id);
      need -= take;
    }
  }
  const warehouseIds = ranked.map((w) => w.id).filter((id) => used.includes(id));
  return { lines: allocated, warehouseIds, split: warehouseIds.length > 1 };
}
