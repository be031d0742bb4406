import { indexedTokens } from '../nlu/indexed-tokens.ts';
import { extractAddress } from '../slots/address.ts';
import { valueMentioned } from '../slots/order-lines.ts';
import { extractQuantity } from '../slots/when.ts';
import { call, newestFirst, resultOf, say, type Flow, type FlowContext } from './flow-context.ts';
import { selectPayment } from './payment-selection.ts';
import { extractOrdinal } from '../slots/ordinal.ts';
import type { Task } from '../dialogue/agenda.ts';

interface Hit {
  variant_id: string;
  product_name: string;
  options: Record<string, string>;
  price: number;
  available: boolean;
}

/**
 * Buy something: search the catalog with the customer's words, narrow to one available variant by the options they
 * named, check stock, quote the cart to their address, and place the order from the quote with the payment method
 * they chose. Shows the quote total before asking how to pay; never picks between variants for them.
 */
export const shop: Flow = (ctx, task) => {
  const query = task.texts[0] ?? '';
  const found = resultOf(ctx, 'search_products', { query });
  if (!found) return call('search_products', { query });
  const hits = ((found.data as { hits?: Hit[] } | undefined)?.hits ?? []).filter((h) => h.available);
  if (hits.length === 0) return say('I could not find an available product matching that. Could you describe it differently?');
  const words = task.texts.flatMap((t) => indexedTokens(t));
  const scored = hits.map((h) => ({ h, score: Object.values(h.options).filter((v) => valueMentioned(v, words)).length }));
  const best = Math.max(...scored.map((s) => s.score));
  const offered = scored.filter((s) => s.score === best).map((s) => s.h).slice(0, 6);
  const picked = task.texts.length > 1 ? extractOrdinal(task.texts.at(-1) ?? '', offered.length) : undefined;
  const candidates = picked !== undefined ? [offered[picked] as Hit] : offered;
  if (candidates.length > 1) {
    const list = candidates.map((h) => `${h.product_name} (${Object.values(h.options).join(', ')}) at $${h.price.toFixed(2)}`);
    return say(`I found several options: ${list.join('; ')}. Which one would you like?`);
  }
  const hit = candidates[0] as Hit;
  if (ctx.tools.has('get_stock')) {
    const stock = resultOf(ctx, 'get_stock', { item_id: hit.variant_id });
    if (!stock) return call('get_stock', { item_id: hit.variant_id });
    if (stock.ok && (stock.data as { in_stock?: boolean } | undefined)?.in_stock === false) {
      return say(`The ${hit.product_name} (${Object.values(hit.options).join(', ')}) is out of stock right now.`);
    }
  }
  return quoteAndOrder(ctx, task, hit);
};

function quoteAndOrder(ctx: FlowContext, task: Task, hit: Hit) {
  const user = ctx.facts.user;
  if (!user || !ctx.facts.userId) return say('To place an order I first need to verify your identity: your email, or your name and zip code.');
  const quantity = newestFirst(task).map(extractQuantity).find((q) => q !== undefined) ?? 1;
  const address = newestFirst(task).map(extractAddress).find(Boolean) ?? user.address;
  if (!address) return say('Where should the order be delivered? Please give the full address.');
  const quoteArgs = { customer_id: ctx.facts.userId, lines: [{ item_id: hit.variant_id, quantity }], shipping_address: address };
  const quote = resultOf(ctx, 'quote_cart', quoteArgs);
  if (!quote) return call('quote_cart', quoteArgs);
  if (!quote.ok) return say(`I could not price that: ${quote.text}`);
  const data = (quote.data ?? {}) as { quote_id?: string; total?: number };
  if (!data.quote_id) return say('The pricing system did not return a quote id, so I cannot place the order.');
  const summary = `${quantity} x ${hit.product_name} (${Object.values(hit.options).join(', ')}), total $${(data.total ?? 0).toFixed(2)} (quote ${data.quote_id})`;
  const payment = selectPayment(ctx, task, 'for this order');
  if (payment.kind === 'ask') return say(`Your quote: ${summary}. ${payment.text}`);
  if (payment.method.source === 'gift_card' && (payment.method.balance ?? 0) < (data.total ?? 0)) {
    return say(`Your quote: ${summary}. Your gift card does not cover it; which other payment method should I use?`);
  }
  return call('create_order', { quote_id: data.quote_id, payment_method_id: payment.method.id });
}
