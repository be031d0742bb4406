import { invalidArgument } from '@agentic-commerce/kit';
import type { RequestedLine } from './types.ts';

/** Most units of one variant a single reservation may hold. */
export const MAX_LINE_QUANTITY = 10_000;

/**
 * Validates requested lines and merges repeated variants (an order with the same item twice reserves 2 units),
 * keeping first-seen order so allocation stays deterministic.
 */
export function normalizeLines(lines: readonly RequestedLine[]): RequestedLine[] {
  if (lines.length === 0) throw invalidArgument('lines is empty: give at least one { item_id, quantity }');
  const merged = new Map<string, number>();
  for (const line of lines) {
    if (!/^\d+$/.test(line.itemId)) {
      throw invalidArgument(`item id "${line.itemId}" is invalid: item ids are numeric strings such as "6469567736"`);
    }
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw invalidArgument(`quantity ${line.quantity} for item ${line.itemId} is invalid: use a whole number of at least 1`);
    }
    merged.set(line.itemId, (merged.get(line.itemId) ?? 0) + line.quantity);
  }
  for (const [itemId, quantity] of merged) {
    if (quantity > MAX_LINE_QUANTITY) {
      throw invalidArgument(`quantity ${quantity} for item ${itemId} is too large: at most ${MAX_LINE_QUANTITY} units per variant`);
    }
  }
  return [...merged].map(([itemId, quantity]) => ({ itemId, quantity }));
}

/** Units per variant of allocated or requested lines, for comparing a repeated request with a reservation. */
export function unitsByItem(lines: readonly RequestedLine[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of lines) units.set(line.itemId, (units.get(line.itemId) ?? 0) + line.quantity);
  return units;
}

export function sameUnits(a: readonly RequestedLine[], b: readonly RequestedLine[]): boolean {
  const left = unitsByItem(a);
  const right = unitsByItem(b);
  if (left.size !== right.size) return false;
  for (const [itemId, quantity] of left) if (right.get(itemId) !== quantity) return false;
  return true;
}
