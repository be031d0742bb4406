import { describe, expect, it } from 'vitest';
import { buildAgenda } from '../dialogue/agenda.ts';
import { parseTranscript } from '../dialogue/transcript.ts';
import { History } from '../testing/history.ts';
import { tauBenchTools } from '../testing/tau-tools.ts';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';

const spec = (name: string, properties: string[]) => ({
  type: 'function' as const,
  function: { name, description: name, parameters: { type: 'object', properties: Object.fromEntries(properties.map((p) => [p, { type: 'string' }])) } },
});
const tools = [
  ...tauBenchTools,
  spec('search_products', ['query']),
  spec('get_stock', ['item_id']),
  spec('validate_coupon', ['code', 'customer_id', 'subtotal']),
  spec('quote_cart', ['customer_id', 'lines', 'shipping_address', 'coupon_code']),
  spec('create_order', ['quote_id', 'payment_method_id']),
  spec('get_loyalty_balance', ['customer_id']),
];
const mat = (id: string, thickness: string, material: string, color: string, price: number, available = true) => ({
  variant_id: id, product_id: '4635925001', product_name: 'Yoga Mat', options: { thickness, material, color }, price, available,
});
const hits = JSON.stringify({
  hits: [mat('1794273251', '5mm', 'TPE', 'pink', 103.84), mat('5586947715', '4mm', 'PVC', 'blue', 92.53), mat('2733768059', '6mm', 'natural rubber', 'pink', 94.38, false)],
});
const inStock = (id: string) => JSON.stringify({ item_id: id, available_total: 9, in_stock: true, warehouses: [] });
const omarAddress = { address1: '845 Willow Lane', address2: 'Suite 906', city: 'Philadelphia', country: 'USA', state: 'PA', zip: '19031' };

function omar(request: string) {
  const h = new History('shopping', tools).customer(request).customer('Omar Anderson, 19031');
  return h.tool('find_user_id_by_name_zip', { first_name: 'Omar', last_name: 'Anderson', zip: '19031' }).tool('get_user_details', { user_id: 'omar_anderson_3203' });
}

function quoteJson(quoteId: string, coupon?: { code: string; amount: number }) {
  return JSON.stringify({
    quote_id: quoteId,
    lines: [{ item_id: '5586947715', quantity: 1, unit_price: 92.53, adjustments: coupon ? [{ source: 'coupon', id: coupon.code, name: 'Welcome', description: '10% off', amount: coupon.amount }] : [] }],
    order_adjustments: coupon ? [{ source: 'coupon', id: coupon.code, name: 'Welcome', description: '10% off', amount: coupon.amount }] : [],
    shipping: { amount: 0, description: 'standard' },
    tax: { amount: 5.5, state: 'PA', rate: 0.06 },
    total: coupon ? 88.78 : 98.03,
    amount_due: coupon ? 88.78 : 98.03,
    coupon_code: coupon?.code ?? null,
  });
}

describe('shopping: coupons', () => {
  it('validates the coupon, quotes with it, states the discount, and orders with the named payment method', () => {
    const h = omar('I would like to buy the blue yoga mat. I have the coupon welcome10, charge my paypal');
    h.tool('search_products', { query: 'I would like to buy the blue yoga mat' }, hits).tool('get_stock', { item_id: '5586947715' }, inStock('5586947715'));
    const validate = { code: 'WELCOME10', customer_id: 'omar_anderson_3203', subtotal: 92.53 };
    expect(h.next()).toEqual({ kind: 'call', name: 'validate_coupon', args: validate });
    h.tool('validate_coupon', validate, JSON.stringify({ code: 'WELCOME10', valid: true, refusal: null, reason: null }));
    const quoteArgs = { customer_id: 'omar_anderson_3203', lines: [{ item_id: '5586947715', quantity: 1 }], shipping_address: omarAddress, coupon_code: 'WELCOME10' };
    expect(h.next()).toEqual({ kind: 'call', name: 'quote_cart', args: quoteArgs });
    h.tool('quote_cart', quoteArgs, quoteJson('Q7', { code: 'WELCOME10', amount: 9.25 }));
    expect(h.next()).toEqual({ kind: 'call', name: 'create_order', args: { quote_id: 'Q7', payment_method_id: 'paypal_6213278' } });
  });

  it('explains an expired coupon with the reason, quotes without it, and orders only after the customer agrees', () => {
    const h = omar('I want to order the blue yoga mat, please apply coupon SPRING25 and pay with paypal');
    h.tool('search_products', { query: 'I want to order the blue yoga mat' }, hits).tool('get_stock', { item_id: '5586947715' }, inStock('5586947715'));
    const validate = { code: 'SPRING25', customer_id: 'omar_anderson_3203', subtotal: 92.53 };
    h.tool('validate_coupon', validate, JSON.stringify({ code: 'SPRING25', valid: false, refusal: 'expired', reason: 'coupon SPRING25 expired at 2026-03-03' }));
    const quoteArgs = { customer_id: 'omar_anderson_3203', lines: [{ item_id: '5586947715', quantity: 1 }], shipping_address: omarAddress };
    expect(h.next()).toEqual({ kind: 'call', name: 'quote_cart', args: quoteArgs });
    h.tool('quote_cart', quoteArgs, quoteJson('Q8'));
    const ask = h.next();
    expect(ask.kind === 'say' && ask.text).toMatch(/coupon SPRING25 cannot be used: coupon SPRING25 expired .*total \$98\.03\. Would you like me to place the order without the coupon\?/);
    h.agent(ask.kind === 'say' ? ask.text : '');
    expect(h.next().kind).toBe('say');
    h.customer('yes, go ahead without it');
    expect(h.next()).toEqual({ kind: 'call', name: 'create_order', args: { quote_id: 'Q8', payment_method_id: 'paypal_6213278' } });
  });
});

describe('shopping: loyalty points', () => {
  const quoteArgs = (points: number) => ({ customer_id: 'omar_anderson_3203', lines: [{ item_id: '5586947715', quantity: 1 }], shipping_address: omarAddress, loyalty_points: points });
  function withBalance(request: string, points: number) {
    const h = omar(request);
    h.tool('search_products', { query: 'I want to buy the blue yoga mat' }, hits).tool('get_stock', { item_id: '5586947715' }, inStock('5586947715'));
    expect(h.next()).toEqual({ kind: 'call', name: 'get_loyalty_balance', args: { customer_id: 'omar_anderson_3203' } });
    return h.tool('get_loyalty_balance', { customer_id: 'omar_anderson_3203' }, JSON.stringify({ customer_id: 'omar_anderson_3203', points }));
  }

  it('spends "all my points" up to what the order allows, then orders with the named method', () => {
    const h = withBalance('I want to buy the blue yoga mat and use all my loyalty points, rest on paypal', 12000);
    expect(h.next()).toEqual({ kind: 'call', name: 'quote_cart', args: quoteArgs(12000) });
    h.tool('quote_cart', quoteArgs(12000), 'INVALID_ARGUMENT: 12000 points are worth 120.00, more than the total 98.03; redeem at most 9803 points on this cart');
    expect(h.next()).toEqual({ kind: 'call', name: 'quote_cart', args: quoteArgs(9803) });
    h.tool('quote_cart', quoteArgs(9803), JSON.stringify({ quote_id: 'Q9', total: 98.03, amount_due: 0, loyalty: { points_redeemed: 9803, redemption_value: 98.03 } }));
    expect(h.next()).toEqual({ kind: 'call', name: 'create_order', args: { quote_id: 'Q9', payment_method_id: 'paypal_6213278' } });
  });

  it('refuses more points than the balance, stating the balance, and quotes nothing', () => {
    const h = withBalance('I want to buy the blue yoga mat and redeem 5000 points', 300);
    const step = h.next();
    expect(step.kind === 'say' && step.text).toMatch(/asked to use 5000 points, but your balance is 300 points/);
  });
});

describe('shopping: variants, stock and quantities', () => {
  it('says an exactly described variant is out of stock, offers in-stock ones, and takes "the first one" from them', () => {
    const h = omar('I want to buy the 6mm natural rubber pink yoga mat');
    h.tool('search_products', { query: 'I want to buy the 6mm natural rubber pink yoga mat' }, hits);
    const step = h.next();
    expect(step.kind === 'say' && step.text).toMatch(/Yoga Mat \(6mm, natural rubber, pink\) is out of stock, so I cannot order it\. These variants of it are in stock: Yoga Mat \(5mm, TPE, pink\) at \$103\.84; Yoga Mat \(4mm, PVC, blue\)/);
    h.agent(step.kind === 'say' ? step.text : '').customer('the first one');
    expect(h.next()).toEqual({ kind: 'call', name: 'get_stock', args: { item_id: '1794273251' } });
  });

  it('reads numbers of the options ("4mm") as options, and "two of" as the quantity', () => {
    const one = omar('I want to buy the 4 mm yoga mat');
    one.tool('search_products', { query: 'I want to buy the 4 mm yoga mat' }, hits).tool('get_stock', { item_id: '5586947715' }, inStock('5586947715'));
    expect(one.next()).toMatchObject({ name: 'quote_cart', args: { lines: [{ item_id: '5586947715', quantity: 1 }] } });
    const two = omar('I want to buy two of the blue yoga mats');
    two.tool('search_products', { query: 'I want to buy two of the blue yoga mats' }, hits).tool('get_stock', { item_id: '5586947715' }, inStock('5586947715'));
    expect(two.next()).toMatchObject({ name: 'quote_cart', args: { lines: [{ item_id: '5586947715', quantity: 2 }] } });
  });

  it('reads "ship it to my default address" as where the order goes, not as a change of the default address', () => {
    const text = "I'd like to buy the blue yoga mat. Ship it to my default address and charge my paypal.";
    const agenda = buildAgenda(parseTranscript([new SystemMessage('Role: shopping'), new HumanMessage(text)]));
    expect(agenda.tasks.map((t) => t.intent)).toEqual(['shop']);
    expect(buildAgenda(parseTranscript([new SystemMessage('Role: delivery'), new HumanMessage('please change my default address')])).tasks.map((t) => t.intent)).toEqual([
      'change_default_address',
    ]);
  });
});
