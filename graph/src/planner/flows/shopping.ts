import { indexedTokens } from '../nlu/indexed-tokens.ts';
import { extractOrdinal } from '../slots/ordinal.ts';
import { alternativesTo, bestHits, describeHit, offerHit, productQuery, type Hit } from './catalog-hits.ts';
import type { Task } from '../dialogue/tasks.ts';
import { call, resultOf, say, type Flow, type FlowContext, type Step } from './flow-context.ts';
import { quoteAndOrder } from './shopping-order.ts';

/**
 * Buy something: search the catalog with the customer's words, narrow to the one variant they described by the
 * options they named, check its stock, then quote and order it (shopping-order.ts). A variant that is out of stock
 * is said to be so, with in-stock variants of the same product offered instead; it is never ordered, and the
 * planner never picks between variants for the customer.
 */
export const shop: Flow = (ctx, task) => {
  const query = productQuery(task.texts);
  const found = resultOf(ctx, 'search_products', { query });
  if (!found) return call('search_products', { query });
  const hits = (found.data as { hits?: Hit[] } | undefined)?.hits ?? [];
  if (hits.length === 0) return say('I could not find a product matching that in our catalog. Could you describe it differently?');
  const words = task.texts.flatMap((t) => indexedTokens(t));
  const { best, named } = bestHits(hits, words);
  const inStock = best.filter((h) => h.available);
  const wanted = best[0] as Hit;
  const offered = inStock.length > 0 ? inStock.slice(0, 6) : alternativesTo(wanted, hits);
  const picked = pickedFrom(task.texts, offered);
  if (picked) return checkStock(ctx, task, picked, hits);
  if (inStock.length === 0 && named === 0 && offered.length === 0) return say(`Sorry, no ${wanted.product_name} is in stock right now, so I cannot order one.`);
  if (inStock.length === 0) return outOfStock(wanted, offered);
  if (inStock.length > 1) return say(`I found several options: ${inStock.slice(0, 6).map(offerHit).join('; ')}. Which one would you like?`);
  return checkStock(ctx, task, inStock[0] as Hit, hits);
};

/** "The second one" after a list: the variant at that place, read from the customer's latest follow-up. */
function pickedFrom(texts: string[], offered: Hit[]): Hit | undefined {
  if (texts.length < 2 || offered.length === 0) return undefined;
  const index = extractOrdinal(texts.at(-1) ?? '', offered.length);
  return index === undefined ? undefined : offered[index];
}

function outOfStock(wanted: Hit, alternatives: Hit[]): Step {
  const others = alternatives.length > 0
    ? ` These variants of it are in stock: ${alternatives.map(offerHit).join('; ')}. Would you like one of them?`
    : ' No other variant of it is in stock right now either.';
  return say(`Sorry, the ${describeHit(wanted)} is out of stock, so I cannot order it.${others}`);
}

function checkStock(ctx: FlowContext, task: Task, hit: Hit, hits: Hit[]): Step {
  if (ctx.tools.has('get_stock')) {
    const stock = resultOf(ctx, 'get_stock', { item_id: hit.variant_id });
    if (!stock) return call('get_stock', { item_id: hit.variant_id });
    if (stock.ok && (stock.data as { in_stock?: boolean } | undefined)?.in_stock === false) {
      return outOfStock(hit, alternativesTo(hit, hits));
    }
  }
  return quoteAndOrder(ctx, task, hit);
}
