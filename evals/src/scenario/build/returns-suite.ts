import type { TauData, TauItem, TauOrder } from './tau-data.ts';
import { describeItem, originalPaymentMethod, pick, seededRandom } from './tau-data.ts';

type Raw = Record<string, unknown>;

const openers = [
  (what: string) => `Hi, I'd like to return ${what}.`,
  (what: string) => `hello. i want to send back ${what}.`,
  (what: string) => `Can I get a refund for ${what}? I want to return it.`,
  (what: string) => `I need to return ${what}, please.`,
  (what: string) => `I'm not happy with ${what} and would like to retrun it.`, // typo on purpose
];

export function authPhrase(data: TauData, userId: string, byEmail: boolean): string {
  const user = data.users[userId]!;
  return byEmail ? `My email is ${user.email}.` : `I'm ${user.name.first_name} ${user.name.last_name}, zip code ${user.address.zip}.`;
}

/** Items whose name is unique within the order, so "the water bottle" is unambiguous. */
export function nameableItems(order: TauOrder): TauItem[] {
  return order.items.filter((i) => order.items.filter((j) => j.name === i.name).length === 1);
}

function returnExpect(order: TauOrder, items: TauItem[], paymentMethod: string): Raw {
  return {
    state: [
      { path: `oms/orders/${order.order_id}/status`, op: 'equals', value: 'return requested' },
      { path: `oms/orders/${order.order_id}/return_items`, op: 'equals', value: items.map((i) => i.item_id).sort() },
      { path: `oms/orders/${order.order_id}/return_payment_method_id`, op: 'equals', value: paymentMethod },
    ],
    mustCall: [{ tool: 'return_delivered_order_items', args: { order_id: order.order_id, item_ids: items.map((i) => i.item_id) } }],
    escalation: 'forbidden',
  };
}

export function buildReturnsSuite(data: TauData, seed = 7): Raw[] {
  const random = seededRandom(seed);
  const delivered = Object.values(data.orders).filter((o) => o.status === 'delivered' && nameableItems(o).length > 0);
  const notDelivered = Object.values(data.orders).filter((o) => (o.status === 'pending' || o.status === 'processed') && nameableItems(o).length > 0);
  const used = new Set<string>();
  const take = (pool: TauOrder[], ok: (o: TauOrder) => boolean = () => true): TauOrder => {
    const candidates = pool.filter((o) => !used.has(o.order_id) && ok(o));
    const order = pick(random, candidates);
    used.add(order.order_id);
    return order;
  };
  const scenarios: Raw[] = [];
  const base = (id: string, title: string, order: TauOrder, byEmail: boolean, turns: string[], expect: Raw, extra: Raw = {}): Raw => ({
    id,
    suite: 'returns',
    title,
    customer: { userId: order.user_id, auth: byEmail ? 'email' : 'name_zip' },
    operator: 'approve',
    world: { source: 'tau', overrides: [{ kind: 'order_delivered_days_ago', order: order.order_id, days: 3 + Math.floor(random() * 20) }] },
    turns,
    expect,
    ...extra,
  });

  for (let i = 0; i < 12; i++) {
    const order = take(delivered);
    const item = pick(random, nameableItems(order));
    const byEmail = i % 2 === 0;
    const opener = pick(random, openers)(`the ${describeItem(item)} from order ${order.order_id}`);
    scenarios.push(
      base(`return-original-method-${i + 1}`, `return one item to the original payment method (${item.name})`, order, byEmail,
        [`${opener} ${authPhrase(data, order.user_id, byEmail)} Refund it to the original payment method.`, 'yes'],
        returnExpect(order, [item], originalPaymentMethod(order))),
    );
  }
  for (let i = 0; i < 6; i++) {
    const order = take(delivered, (o) => {
      const pms = Object.keys(data.users[o.user_id]!.payment_methods);
      return pms.some((p) => p.startsWith('gift_card')) && !originalPaymentMethod(o).startsWith('gift_card');
    });
    const giftCard = Object.keys(data.users[order.user_id]!.payment_methods).find((p) => p.startsWith('gift_card'))!;
    const item = pick(random, nameableItems(order));
    scenarios.push(
      base(`return-to-gift-card-${i + 1}`, `return one item with the refund on the customer's gift card`, order, i % 2 === 1,
        [`I want to return the ${describeItem(item)} in ${order.order_id} and get the money back on my gift card. ${authPhrase(data, order.user_id, i % 2 === 1)}`, 'yes'],
        returnExpect(order, [item], giftCard)),
    );
  }
  for (let i = 0; i < 6; i++) {
    const order = take(delivered, (o) => nameableItems(o).length >= 3);
    const items = nameableItems(order).slice(0, 2);
    scenarios.push(
      base(`return-partial-${i + 1}`, 'return two of the items of a larger order', order, true,
        [`${authPhrase(data, order.user_id, true)} From order ${order.order_id} I want to return the ${describeItem(items[0]!)} and the ${describeItem(items[1]!)}, but keep the rest. Refund to the original payment.`, 'yes'],
        returnExpect(order, items, originalPaymentMethod(order))),
    );
  }
  for (let i = 0; i < 6; i++) {
    const order = take(notDelivered);
    const item = pick(random, nameableItems(order));
    scenarios.push({
      id: `return-not-delivered-${i + 1}`,
      suite: 'returns',
      title: `refuse a return of an order that is still '${order.status}'`,
      customer: { userId: order.user_id, auth: 'email' },
      turns: [`${authPhrase(data, order.user_id, true)} Please return the ${describeItem(item)} from ${order.order_id}, refund to the original method.`, 'yes'],
      expect: {
        state: [{ path: `oms/orders/${order.order_id}`, op: 'unchanged' }],
        mustNotCall: [{ tool: 'return_delivered_order_items' }],
        replyFacts: [`${order.status}|not (yet )?(been )?delivered|only delivered`],
      },
    });
  }
  for (let i = 0; i < 8; i++) {
    const order = take(delivered, (o) => nameableItems(o).some((it) => exchangeTarget(data, it) !== undefined));
    const item = nameableItems(order).find((it) => exchangeTarget(data, it) !== undefined)!;
    const target = exchangeTarget(data, item)!;
    const pm = originalPaymentMethod(order);
    const turns = [`${authPhrase(data, order.user_id, i % 2 === 0)} I'd like to exchange the ${describeItem(item)} from order ${order.order_id} for the same one but with ${target.key} ${target.value}. Use the original payment method for any difference. That's the only item.`, 'yes'];
    const title = `exchange ${item.name} for the ${target.key} ${target.value} variant`;
    if (!giftCardCovers(data, order, pm, target.itemId, item)) {
      // Policy (exchanges.md, τ-bench wiki): a gift card must cover the price difference, and the OMS refuses otherwise.
      scenarios.push(
        base(`exchange-option-${i + 1}`, `${title}, paid by a gift card too small for the difference`, order, i % 2 === 0, turns, {
          state: [{ path: `oms/orders/${order.order_id}`, op: 'unchanged' }],
          mustNotCall: [{ tool: 'exchange_delivered_order_items' }],
          replyFacts: ['does not cover|not enough|insufficient'],
        }),
      );
      continue;
    }
    scenarios.push(
      base(`exchange-option-${i + 1}`, title, order, i % 2 === 0, turns,
        {
          state: [
            { path: `oms/orders/${order.order_id}/status`, op: 'equals', value: 'exchange requested' },
            { path: `oms/orders/${order.order_id}/exchange_items`, op: 'equals', value: [item.item_id] },
            { path: `oms/orders/${order.order_id}/exchange_new_items`, op: 'equals', value: [target.itemId] },
          ],
          mustCall: [{ tool: 'exchange_delivered_order_items', args: { order_id: order.order_id, item_ids: [item.item_id], new_item_ids: [target.itemId], payment_method_id: pm } }],
          escalation: 'forbidden',
        }),
    );
  }
  for (let i = 0; i < 4; i++) {
    const order = take(delivered);
    const item = pick(random, nameableItems(order));
    scenarios.push({
      id: `return-outside-window-${i + 1}`,
      suite: 'returns',
      title: 'refuse a return long after delivery (outside the return window)',
      customer: { userId: order.user_id, auth: 'email' },
      operator: 'approve',
      world: { source: 'tau', overrides: [{ kind: 'order_delivered_days_ago', order: order.order_id, days: 200 }] },
      turns: [`${authPhrase(data, order.user_id, true)} I want to return the ${describeItem(item)} from ${order.order_id} to my original payment method.`, 'yes'],
      expect: { state: [{ path: `oms/orders/${order.order_id}`, op: 'unchanged' }], replyFacts: ['window|days|too late|no longer'] },
    });
  }
  for (let i = 0; i < 4; i++) {
    const order = take(delivered);
    const item = pick(random, nameableItems(order));
    scenarios.push(
      base(`return-damaged-${i + 1}`, 'return an item that arrived damaged', order, true,
        [`The ${describeItem(item)} in order ${order.order_id} arrived broken!! ${authPhrase(data, order.user_id, true)} I just want to return it and get my money back to the card I paid with.`, 'yes'],
        returnExpect(order, [item], originalPaymentMethod(order))),
    );
  }
  return scenarios;
}

/** Whether the payment method can settle the exchange's price difference (a gift card needs the balance for it). */
function giftCardCovers(data: TauData, order: TauOrder, paymentMethodId: string, newItemId: string, item: TauItem): boolean {
  const method = data.users[order.user_id]?.payment_methods[paymentMethodId];
  if (method?.source !== 'gift_card') return true;
  const difference = (data.products[item.product_id]?.variants[newItemId]?.price ?? item.price) - item.price;
  return difference <= 0 || (method.balance ?? 0) >= Math.round(difference * 100) / 100;
}

/** Another available variant of the same product that differs from `item` in exactly one option. */
export function exchangeTarget(data: TauData, item: TauItem): { key: string; value: string; itemId: string } | undefined {
  const product = data.products[item.product_id];
  if (!product) return undefined;
  for (const variant of Object.values(product.variants)) {
    if (!variant.available || variant.item_id === item.item_id) continue;
    const diff = Object.keys(item.options).filter((k) => variant.options[k] !== item.options[k]);
    if (diff.length !== 1) continue;
    const key = diff[0]!;
    const value = variant.options[key]!;
    // The requested value must identify one variant given the other options.
    const same = Object.values(product.variants).filter((v) => v.options[key] === value && Object.keys(item.options).every((k) => k === key || v.options[k] === item.options[k]));
    if (same.length === 1) return { key, value, itemId: variant.item_id };
  }
  return undefined;
}
