import type { ToolContext } from '@agentic-commerce/kit';
import { productIdsOf } from '../domain/price-difference.ts';
import type { Order, Product } from '../domain/records.ts';
import type { OmsBackend } from '../store/oms-backend.ts';

/** The catalog entries of the products behind the named order lines (what item swaps are checked against). */
export async function productsOfItems(ctx: ToolContext<OmsBackend>, order: Order, itemIds: readonly string[]): Promise<Map<string, Product>> {
  return ctx.backend.getProducts(productIdsOf(order, itemIds));
}
