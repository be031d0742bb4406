import { invalidArgument } from '@agentic-commerce/kit';
import { requireAvailableVariant, requireItemsInOrder } from './order-checks.ts';
import type { Order, Product } from './records.ts';

/**
 * Validates item -> new item pairs of an order (same product, available variant) and sums new minus old price
 * pair by pair, unrounded (τ-bench keeps this float for the payment history of an item modification).
 */
export function priceDifference(order: Order, itemIds: readonly string[], newItemIds: readonly string[], products: ReadonlyMap<string, Product>): number {
  requireItemsInOrder(order, itemIds);
  if (itemIds.length !== newItemIds.length) {
    throw invalidArgument(`item_ids has ${itemIds.length} entries but new_item_ids has ${newItemIds.length}; give one new item id per item id, in the same order`);
  }
  let difference = 0;
  itemIds.forEach((itemId, index) => {
    const item = order.items.find((i) => i.item_id === itemId);
    const newItemId = newItemIds[index];
    if (!item || newItemId === undefined) return; // both guaranteed by the checks above
    const variant = requireAvailableVariant(products, item.product_id, newItemId);
    difference += variant.price - item.price;
  });
  return difference;
}

/** Product ids of the order lines named by `itemIds`, for loading just the products a rule needs. */
export function productIdsOf(order: Order, itemIds: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const itemId of itemIds) {
    const item = order.items.find((i) => i.item_id === itemId);
    if (item) ids.add(item.product_id);
  }
  return [...ids];
}
