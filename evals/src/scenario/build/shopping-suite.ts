import type { TauData, TauProduct } from './tau-data.ts';
import { pick, seededRandom } from './tau-data.ts';
import { authPhrase } from './returns-suite.ts';

type Raw = Record<string, unknown>;
type Variant = TauProduct['variants'][string];

/** Option values that single out one variant of a product (the fewest, in the product's option order). */
export function distinguishing(product: TauProduct, variant: Variant): string[] | undefined {
  const keys = Object.keys(variant.options);
  for (let n = 1; n <= keys.length; n++) {
    const values = keys.slice(0, n).map((k) => variant.options[k]!);
    const matches = Object.values(product.variants).filter((v) => keys.slice(0, n).every((k, i) => v.options[k] === values[i]));
    if (matches.length === 1) return values;
  }
  return undefined;
}

function paymentPhrase(data: TauData, userId: string): { phrase: string; id: string } | undefined {
  const methods = Object.values(data.users[userId]!.payment_methods);
  const card = methods.find((m) => m.source === 'credit_card');
  if (card) return { phrase: `my ${card.brand} card ending in ${card.last_four}`, id: card.id };
  const paypal = methods.find((m) => m.source === 'paypal');
  return paypal ? { phrase: 'my PayPal', id: paypal.id } : undefined;
}

/** Shopping suite: find, compare, quote with promotions and loyalty, order, and the refusals around them. */
export function buildShoppingSuite(data: TauData, seed = 17): Raw[] {
  const random = seededRandom(seed);
  const products = Object.values(data.products).sort((a, b) => a.product_id.localeCompare(b.product_id));
  const users = Object.keys(data.users).sort();
  const scenarios: Raw[] = [];
  const shopping = (id: string, title: string, customer: Raw, turns: string[], expect: Raw, extra: Raw = {}): Raw => ({
    id, suite: 'shopping', title, customer, operator: 'approve', turns, expect: { escalation: 'forbidden', ...expect }, ...extra,
  });
  const availableVariant = (p: TauProduct) => Object.values(p.variants).filter((v) => v.available && distinguishing(p, v));

  for (let i = 0; i < 10; i++) {
    const product = products[(i * 5) % products.length]!;
    const variant = pick(random, availableVariant(product));
    const value = Object.values(variant.options)[0]!;
    scenarios.push(shopping(`find-product-${i + 1}`, `find a ${product.name} by one option`, { auth: 'none' },
      [i % 2 === 0 ? `Do you have a ${product.name.toLowerCase()} in ${value}?` : `looking for ${value} ${product.name.toLowerCase()}s, what do you have`],
      { noWrites: true, replyFacts: [product.name.replace(/[-\s]/g, '.?'), value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')] }));
  }
  for (let i = 0; i < 6; i++) {
    const product = products[(i * 7 + 3) % products.length]!;
    const [a, b] = availableVariant(product);
    if (!a || !b) continue;
    const da = distinguishing(product, a)!.join(' ');
    const db = distinguishing(product, b)!.join(' ');
    scenarios.push(shopping(`compare-variants-${i + 1}`, `compare the prices of two ${product.name} variants`, { auth: 'none' },
      [`How much is the ${da} ${product.name.toLowerCase()} compared to the ${db} one?`],
      { noWrites: true, replyFacts: [a.price.toFixed(2).replace('.', '\\.'), b.price.toFixed(2).replace('.', '\\.')] }));
  }
  const buy = (n: number, idPrefix: string, title: string, extraWords: (userId: string) => string, expectMore: (v: Variant) => Raw) => {
    for (let i = 0; i < n; i++) {
      const product = products[(i * 11 + idPrefix.length) % products.length]!;
      const variant = pick(random, availableVariant(product));
      const userId = pick(random, users.filter((u) => paymentPhrase(data, u)));
      const pay = paymentPhrase(data, userId)!;
      const words = `${distinguishing(product, variant)!.join(' ')} ${product.name.toLowerCase()}`;
      scenarios.push(shopping(`${idPrefix}-${i + 1}`, title, { userId, auth: 'email' },
        [`${authPhrase(data, userId, true)} I'd like to buy the ${words}. ${extraWords(userId)}Ship it to my default address and charge ${pay.phrase}.`, 'yes'],
        { mustCall: [{ tool: 'create_order' }], ...expectMore(variant) }));
    }
  };
  buy(10, 'place-order', 'buy one variant and pay with a saved method', () => '', () => ({}));
  buy(6, 'order-with-coupon', 'buy with a valid coupon that lowers the total', () => 'I have the coupon WELCOME10. ', () => ({ replyFacts: ['WELCOME10|10%|discount'] }));
  buy(2, 'order-with-expired-coupon', 'an expired coupon is refused with its reason', () => 'Please apply coupon SPRING25. ', () => ({ mustCall: [], replyFacts: ['expired|no longer|not valid|ended'] }));
  for (let i = 0; i < 6; i++) {
    const product = products.find((p, j) => j >= i * 3 && Object.values(p.variants).some((v) => !v.available && distinguishing(p, v)))!;
    const variant = Object.values(product.variants).find((v) => !v.available && distinguishing(product, v))!;
    const userId = users[(i * 37) % users.length]!;
    scenarios.push(shopping(`out-of-stock-${i + 1}`, 'an unavailable variant is not sold', { userId, auth: 'email' },
      [`${authPhrase(data, userId, true)} I want to order the ${distinguishing(product, variant)!.join(' ')} ${product.name.toLowerCase()}.`],
      { noWrites: true, mustNotCall: [{ tool: 'create_order' }], replyFacts: ['out of stock|not available|unavailable|could not find'] }));
  }
  return scenarios;
}
