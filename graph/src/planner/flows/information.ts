import { describeMethod } from '../slots/payment-methods.ts';
import { indexedTokens } from '../nlu/indexed-tokens.ts';
import { findItemMentions, valueMentioned } from '../slots/order-lines.ts';
import type { Variant } from '../slots/variant-match.ts';
import { alreadyCalled, call, resultOf, say, type Flow } from './flow-context.ts';
import { describeLine } from './item-selection.ts';
import { namedOrderId, selectOrder } from './order-selection.ts';

const anyStatus = ['pending', 'processed', 'delivered', 'cancelled', 'return requested', 'exchange requested', 'pending (items modified)'];

/** Where an order is: status, items, and tracking (with the courier's events when track_shipment is bound). */
export const orderStatus: Flow = (ctx, task) => {
  if (!namedOrderId(task) && ctx.facts.user) {
    const listing = ctx.facts.user.orders.join(', ');
    const described = task.texts.some((t) => /\b(list|all|every|which)\b.*\borders?\b/i.test(t));
    if (described || ctx.facts.user.orders.length !== 1) {
      return say(`Your orders are: ${listing}. Which one would you like to know about?`);
    }
  }
  const choice = selectOrder(ctx, task, anyStatus, 'look up');
  if (choice.kind === 'step') return choice.step;
  const order = choice.order;
  const trackingId = order.fulfillments?.[0]?.tracking_id[0];
  if (trackingId && ctx.tools.has('track_shipment') && !alreadyCalled(ctx, 'track_shipment', { tracking_id: trackingId })) {
    return call('track_shipment', { tracking_id: trackingId });
  }
  const items = order.items.map(describeLine).join('; ');
  const tracking = trackingId ? ` Tracking number: ${trackingId}.` : '';
  const courier = trackingId ? resultOf(ctx, 'track_shipment', { tracking_id: trackingId }) : undefined;
  const courierLine = courier?.ok ? ` Latest from the courier: ${summarize(courier.data)}.` : '';
  return say(`Order ${order.order_id} is ${order.status}. It contains: ${items}.${tracking}${courierLine}`);
};

function summarize(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    const parts = ['status', 'eta', 'estimated_delivery', 'location'].filter((k) => record[k] !== undefined).map((k) => `${k.replace('_', ' ')} ${String(record[k])}`);
    if (parts.length > 0) return parts.join(', ');
  }
  return JSON.stringify(data);
}

/** Profile questions: payment methods, gift card balances, email, default address. */
export const accountInfo: Flow = (ctx) => {
  const user = ctx.facts.user;
  if (!user) return say('Please verify your identity first: your email, or your name and zip code.');
  const methods = Object.values(user.payment_methods).map(describeMethod).join('; ');
  const address = user.address ? Object.values(user.address).filter(Boolean).join(', ') : 'none on file';
  return say(`Your email is ${user.email ?? 'not on file'}, your default address is ${address}, and your payment methods are: ${methods}.`);
};

/** Product questions, answered from the catalog tools that are bound (knowledge search or τ-bench product details). */
export const productInfo: Flow = (ctx, task) => {
  const question = task.texts.join(' ');
  if (ctx.tools.has('list_all_product_types')) {
    const listed = resultOf(ctx, 'list_all_product_types', {});
    if (!listed) return call('list_all_product_types', {});
    // The OMS answers { product_types: { name: id } }; τ-bench's own tool answers the bare map.
    const raw = (listed.data && typeof listed.data === 'object' ? listed.data : {}) as Record<string, unknown>;
    const types = (raw.product_types && typeof raw.product_types === 'object' ? raw.product_types : raw) as Record<string, string>;
    const mention = findItemMentions(question, Object.keys(types))[0];
    const productId = mention ? types[mention.productName] : undefined;
    if (!productId) return say(`We sell these product types: ${Object.keys(types).join(', ')}. Which one would you like to know about?`);
    const product = ctx.facts.products.get(productId);
    if (!product) return call('get_product_details', { product_id: productId });
    const words = indexedTokens(question);
    const named = (v: Variant) => Object.values(v.options).filter((value) => valueMentioned(value, words)).length;
    // The variants with the options the customer asked about come first ("maple skateboards": the maple ones).
    const available = Object.values(product.variants).filter((v) => v.available).sort((a, b) => named(b) - named(a));
    const lines = available.slice(0, 8).map((v) => `${Object.values(v.options).join(', ')} at $${v.price.toFixed(2)}`);
    return say(`${product.name}: ${available.length} variants are available, for example ${lines.join('; ')}.`);
  }
  if (ctx.tools.has('search_products')) {
    const args = { query: question };
    const found = resultOf(ctx, 'search_products', args);
    if (!found) return call('search_products', args);
    return say(`Here is what I found in the catalog: ${typeof found.data === 'string' ? found.data : JSON.stringify(found.data)}`);
  }
  return say('I cannot look up the catalog from here. Would you like me to pass you to a colleague who can?');
};
