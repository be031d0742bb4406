import { invalidArgument } from '@agentic-commerce/kit';
import { requireAvailableVariant, requireItemsInOrder } from './order-checks.ts';
import { roundCents } from './python-round.ts';
import type { Order, OrderItem, Product } from './records.ts';

/** An item change priced: the difference to pay (> 0) or refund (< 0), and the new lines by position in `order.items`. */
export interface RepricedItems {
  difference: number;
  replaceItems: { position: number; item: OrderItem }[];
}

/**
 * Validates item -> new item pairs of an order (same product, available variant), prices them and gives the new
 * lines, replacing pair by pair the first line still carrying the old id (as the benchmark does).
 *
 * A line with a `list_price` (placed with create_order: `price` is what the unit cost after discounts) keeps its
 * discount: the difference is new catalog price - the line's list price, rounded to cents, and the new line costs
 * its price plus that (never below 0), with the new catalog price as its list price; so swapping an item for itself
 * costs nothing and a cheaper variant refunds the list-price difference. Any other line (τ-bench's) follows τ-bench:
 * new catalog price - the first line with the old id's price, summed unrounded pair by pair (τ-bench keeps this float
 * for the payment history of an item modification), and the new line costs the catalog price. The total is rounded
 * to cents when any pair was priced from a list price.
 */
export function repriceItems(order: Order, itemIds: readonly string[], newItemIds: readonly string[], products: ReadonlyMap<string, Product>): RepricedItems {
  requireItemsInOrder(order, itemIds);
  if (itemIds.length !== newItemIds.length) {
    throw invalidArgument(`item_ids has ${itemIds.length} entries but new_item_ids has ${newItemIds.length}; give one new item id per item id, in the same order`);
  }
  const items = order.items.map((item) => ({ ...item }));
  const replaceItems: RepricedItems['replaceItems'] = [];
  let difference = 0;
  let listPriced = false;
  itemIds.forEach((itemId, index) => {
    const first = order.items.find((i) => i.item_id === itemId);
    const position = items.findIndex((i) => i.item_id === itemId);
    const line = items[position];
    const newItemId = newItemIds[index];
    if (!first || newItemId === undefined) return; // both guaranteed by the checks above
    const variant = requireAvailableVariant(products, first.product_id, newItemId);
    let item: OrderItem | undefined;
    if (line?.list_price !== undefined) {
      listPriced = true;
      const price = Math.max(0, roundCents(line.price + variant.price - line.list_price));
      difference += roundCents(price - line.price);
      item = { ...line, item_id: variant.item_id, price, options: { ...variant.options }, list_price: variant.price };
    } else {
      difference += variant.price - first.price;
      if (line) item = { ...line, item_id: variant.item_id, price: variant.price, options: { ...variant.options } };
    }
    if (!item) return; // counts are checked above, so a line still carries the old id
    items[position] = item;
    replaceItems.push({ position, item });
  });
  return { difference: listPriced ? roundCents(difference) : difference, replaceItems };
}

/** The price difference of item -> new item pairs (see `repriceItems`). */
export function priceDifference(order: Order, itemIds: readonly string[], newItemIds: readonly string[], products: ReadonlyMap<string, Product>): number {
  return repriceItems(order, itemIds, newItemIds, products).difference;
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
