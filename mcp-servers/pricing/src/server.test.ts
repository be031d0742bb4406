import { keyedWrites } from '@agentic-commerce/kit/testing/keyed-writes';
import { createActionRuntime, migrate, runSaga, toolStep, type Database, type Principal } from '@agentic-commerce/kit';
import { dropPrefixedSchemas, sharedPglite, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Quote } from './domain/quote-document.ts';
import { createPricingServer, pricingTools } from './server.ts';
import { pricingBulkLoader } from './store/bulk-load.ts';
import { pricingMigrations } from './store/migrations.ts';
import { sqlPricingBackend } from './store/sql-pricing-backend.ts';

const prefix = uniquePrefix();
/** Starting PGlite and migrating can take a minute on a busy 2-core machine. */
const SETUP_TIMEOUT_MS = 180_000;
const schema = `${prefix}_pricing`;
const now = new Date('2026-06-15T12:00:00Z');
const service: Principal = { kind: 'service', id: 'svc:test', scopes: ['pricing:*'] };
const ann: Principal = { kind: 'customer', id: 'c:ann', customerId: 'ann', scopes: ['pricing:read', 'pricing:write'] };
const agent: Principal = { kind: 'agent', id: 'agent:bot', conversationId: 'conv-1', scopes: ['pricing:read', 'pricing:write'] };
const address = { address1: '1 Main St', city: 'San Jose', state: 'CA', country: 'USA', zip: '95112' };
let db: Database;

async function connect(principal: Principal) {
  const runtime = createActionRuntime({ db, schema: `${prefix}_kit`, defaultPrincipal: principal, now: () => now });
  const server = createPricingServer({ runtime, backend: sqlPricingBackend(schema) });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test', version: '0.0.0' });
  await Promise.all([server.connect(a), client.connect(b)]);
  keyedWrites(client); // a fresh key per write unless the test names one
  return {
    call: async (name: string, args: Record<string, unknown>) => {
      const result = await client.callTool({ name, arguments: args });
      return { isError: result.isError === true, text: (result.content as { text: string }[])[0]?.text ?? '', data: result.structuredContent as Record<string, unknown> };
    },
    client,
  };
}
const balanceOf = async (customer: string) => (await db.query<{ balance: number }>(`SELECT balance FROM ${schema}.loyalty_accounts WHERE customer_id = $1`, [customer]))[0]?.balance;
const rows = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.${table}`))[0]?.n;

describe('pricing MCP server', () => {
  beforeAll(async () => {
    db = await sharedPglite();
    await migrate(db, schema, pricingMigrations);
    const load = pricingBulkLoader(schema)(db);
    await load.loadVariantPrices([
      { itemId: '9612497925', productId: '9523456873', category: 'T-Shirt', price: 50.88 },
      { itemId: '8124970213', productId: '9523456873', category: 'T-Shirt', price: 49.67 },
    ]);
    await load.loadLoyaltyAccounts([{ customerId: 'ann', balance: 2000 }, { customerId: 'bob', balance: 300 }]);
    await load.loadPromotions([{ id: 'tees-15', name: 'T-shirt week', kind: 'percentage', scope: 'line', value: 15, startsAt: '2026-06-10T00:00:00Z', endsAt: '2026-06-20T00:00:00Z', eligibility: { categories: ['T-Shirt'] } }]);
    await load.loadCoupons([{ code: 'WELCOME5', description: '5 off your order', kind: 'fixed_amount', value: 5, startsAt: '2026-01-01T00:00:00Z', perCustomerLimit: 1 }]);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => dropPrefixedSchemas(db, prefix));

  it('lists the nine pricing tools; writes carry idempotency fields and honest annotations', async () => {
    const { client } = await connect(service);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ['apply_coupon', 'get_loyalty_balance', 'get_loyalty_history', 'get_variant_price', 'quote_cart', 'redeem_loyalty_points', 'release_coupon', 'restore_loyalty_points', 'validate_coupon'],
    );
    const redeem = tools.find((t) => t.name === 'redeem_loyalty_points');
    expect(redeem?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    expect(Object.keys(redeem?.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['idempotency_key', 'approval_id']));
    expect(tools.find((t) => t.name === 'restore_loyalty_points')?.annotations).toMatchObject({ destructiveHint: false });
    expect(tools.find((t) => t.name === 'get_variant_price')?.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('quotes a cart end to end: explained lines, coupon, points, and totals that add up', async () => {
    const { call } = await connect(ann);
    const { isError, data } = await call('quote_cart', {
      customer_id: 'ann',
      lines: [{ item_id: '9612497925', quantity: 2 }, { item_id: '8124970213', quantity: 1 }],
      coupon_code: 'welcome5',
      loyalty_points: 500,
      shipping_address: address,
    });
    expect(isError).toBe(false);
    const quote = data as unknown as Quote;
    // 15% of 101.76 = 15.264 -> 15.26; the 5.00 coupon splits 86.50 : 42.22 -> 3.36 + 1.64
    expect(quote.lines[0]?.adjustments.map((a) => `${a.source}:${a.id}:${a.amount}`)).toEqual(['line_promotion:tees-15:15.26', 'coupon:WELCOME5:3.36']);
    expect(quote.lines[1]?.adjustments.map((a) => a.amount)).toEqual([7.45, 1.64]);
    const cents = (x: number) => Math.round(x * 100);
    expect(cents(quote.subtotal) - cents(quote.discount_total)).toBe(cents(quote.merchandise_total));
    expect(cents(quote.merchandise_total) + cents(quote.shipping.amount) + cents(quote.tax.amount)).toBe(cents(quote.total));
    expect(cents(quote.total) - cents(quote.loyalty.redemption_value)).toBe(cents(quote.amount_due));
    expect(quote.lines.reduce((s, l) => s + cents(l.tax), 0)).toBe(cents(quote.tax.amount));
    expect(quote).toMatchObject({ customer_id: 'ann', coupon_code: 'WELCOME5', shipping: { amount: 0 }, tax: { state: 'CA', rate: 0.0725 }, loyalty: { points_redeemed: 500, redemption_value: 5 } });
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const { call } = await connect(service);
    const quotes = await rows('quotes');
    const zero = await call('quote_cart', { customer_id: 'ann', lines: [{ item_id: '9612497925', quantity: 0 }], shipping_address: address });
    expect(zero.isError).toBe(true);
    expect(zero.text).toMatch(/quantity/);
    const abroad = await call('quote_cart', { customer_id: 'ann', lines: [{ item_id: '9612497925', quantity: 1 }], shipping_address: { ...address, country: 'France' } });
    expect(abroad.text).toMatch(/^INVALID_ARGUMENT: shipping country "France" is not served/);
    const tooMany = await call('quote_cart', { customer_id: 'bob', lines: [{ item_id: '9612497925', quantity: 1 }], loyalty_points: 301, shipping_address: address });
    expect(tooMany.text).toBe('FAILED_PRECONDITION: cannot redeem 301 points: the loyalty balance is 300 points');
    expect(await rows('quotes')).toBe(quotes);
    const transactions = await rows('loyalty_transactions');
    const beyond = await call('redeem_loyalty_points', { customer_id: 'bob', order_id: '#W0000001', points: 301 });
    expect(beyond.text).toBe('FAILED_PRECONDITION: cannot redeem 301 points: the balance of customer bob is 300 points');
    const negative = await call('redeem_loyalty_points', { customer_id: 'bob', order_id: '#W0000001', points: -5 });
    expect(negative.isError).toBe(true);
    expect(await balanceOf('bob')).toBe(300);
    expect(await rows('loyalty_transactions')).toBe(transactions);
    const noQuote = await call('apply_coupon', { quote_id: 'Q404', order_id: '#W0000001' });
    expect(noQuote.text).toBe('NOT_FOUND: no quote Q404');
  });

  it('redeems points once per order and restores them, as a compensation would', async () => {
    const { call } = await connect(service);
    const first = await call('redeem_loyalty_points', { customer_id: 'bob', order_id: '#W0000002', points: 120, idempotency_key: 'redeem-W2-attempt' });
    expect(first.data).toMatchObject({ points_redeemed: 120, value: 1.2, balance: 180, replayed: false });
    const again = await call('redeem_loyalty_points', { customer_id: 'bob', order_id: '#W0000002', points: 120 });
    expect(again.data).toMatchObject({ balance: 180, replayed: true });
    const restored = await call('restore_loyalty_points', { customer_id: 'bob', order_id: '#W0000002' });
    expect(restored.data).toMatchObject({ points_restored: 120, balance: 300, replayed: false });
    const history = await call('get_loyalty_history', { customer_id: 'bob', limit: 1 });
    expect(history.data).toMatchObject({ transactions: [{ kind: 'restore', points: 120, order_id: '#W0000002' }], next_before_id: expect.any(Number) });
  });

  it('applies a quoted coupon to an order and releases it', async () => {
    const { call } = await connect(service);
    const quote = await call('quote_cart', { customer_id: 'bob', lines: [{ item_id: '8124970213', quantity: 1 }], coupon_code: 'WELCOME5', shipping_address: address, service_level: 'express' });
    const applied = await call('apply_coupon', { quote_id: quote.data.quote_id, order_id: '#W0000003' });
    expect(applied.data).toMatchObject({ code: 'WELCOME5', customer_id: 'bob', discount: 5, released_at: null, replayed: false });
    const blocked = await call('validate_coupon', { code: 'welcome5', customer_id: 'bob' });
    expect(blocked.data).toMatchObject({ valid: false, refusal: 'customer_limit_reached', remaining_for_customer: 0 });
    const released = await call('release_coupon', { order_id: '#W0000003' });
    expect(released.data).toMatchObject({ released_at: expect.any(String), replayed: false });
    expect((await call('validate_coupon', { code: 'WELCOME5', customer_id: 'bob' })).data).toMatchObject({ valid: true });
  });

  it('answers another customer\'s loyalty account exactly like a missing one, and changes nothing', async () => {
    const { call } = await connect(ann);
    const theirs = await call('get_loyalty_balance', { customer_id: 'bob' });
    const missing = await call('get_loyalty_balance', { customer_id: 'zed' });
    expect(theirs.text).toBe('NOT_FOUND: no loyalty account for customer bob');
    expect(theirs.text.replace('bob', 'X')).toBe(missing.text.replace('zed', 'X'));
    expect((await call('get_loyalty_history', { customer_id: 'bob' })).text).toBe(theirs.text);
    // Redemptions and coupon uses are keyed by OMS order ids this server cannot tie to a customer: a customer may not
    // call those tools at all (create_order in the OMS uses them), whoever's order and account it names.
    for (const [tool, args] of [
      ['redeem_loyalty_points', { customer_id: 'bob', order_id: '#W0000004', points: 10 }],
      ['redeem_loyalty_points', { order_id: '#W0000004', points: 10 }],
      ['restore_loyalty_points', { order_id: '#W0000002' }],
      ['apply_coupon', { quote_id: 'Q1', order_id: '#W0000004' }],
      ['release_coupon', { order_id: '#W0000003' }],
    ] as const) {
      expect((await call(tool, args)).text).toBe(`FORBIDDEN: ${tool} is a back-office tool for service, operator, admin principals; a customer principal may not call it`);
    }
    expect(await balanceOf('bob')).toBe(300);
    expect(await balanceOf('ann')).toBe(2000);
    expect((await call('get_loyalty_balance', { customer_id: 'ann' })).data).toMatchObject({ points: 2000, points_value: 20 });
    expect((await call('get_loyalty_balance', {})).data).toMatchObject({ customer_id: 'ann', points: 2000 });
    const noCustomer = await (await connect(service)).call('get_loyalty_balance', {});
    expect(noCustomer.text).toBe('INVALID_ARGUMENT: customer_id is required: this session is not limited to one customer');
    const unbound = await connect(agent);
    expect((await unbound.call('get_loyalty_balance', { customer_id: 'ann' })).text).toBe('NOT_FOUND: no loyalty account for customer ann');
  });

  it('rolls back a redemption and a coupon use through their declared compensations', async () => {
    const runtime = createActionRuntime({ db, schema: `${prefix}_kit`, now: () => now });
    const backend = sqlPricingBackend(schema);
    const quote = await backend(db).quoteCart({ customerId: 'bob', lines: [{ itemId: '8124970213', quantity: 1 }], couponCode: 'WELCOME5', loyaltyPoints: 40, shipTo: address, serviceLevel: 'standard', now });
    const step = (tool: string, input: Record<string, unknown>) => toolStep({ runtime, system: 'pricing', tools: pricingTools, backend, principal: service, tool, input });
    const failing = { name: 'reserve_stock', run: async () => { throw new Error('warehouse unavailable'); } };
    await expect(runSaga([
      step('redeem_loyalty_points', { customer_id: 'bob', order_id: '#W0000005', points: 40 }),
      step('apply_coupon', { quote_id: quote.quote_id, order_id: '#W0000005' }),
      failing,
    ], { name: 'order.create', key: 'saga-W0000005', runtime })).rejects.toThrow(/warehouse unavailable/);
    expect(await balanceOf('bob')).toBe(300);
    expect((await backend(db).getCouponRedemption('#W0000005'))?.releasedAt).not.toBeNull();
    expect((await backend(db).getLoyaltyHistory('bob', { limit: 2 })).map((t) => [t.kind, t.points])).toEqual([['restore', 40], ['redeem', -40]]);
  });

  it("leaves a coupon use the saga's apply_coupon found already recorded (replayed) in place when it rolls back", async () => {
    const runtime = createActionRuntime({ db, schema: `${prefix}_kit`, now: () => now });
    const backend = sqlPricingBackend(schema);
    const quote = await backend(db).quoteCart({ customerId: 'ann', lines: [{ itemId: '8124970213', quantity: 1 }], couponCode: 'WELCOME5', shipTo: address, serviceLevel: 'standard', now });
    await db.transaction((tx) => backend(tx).applyCoupon({ quoteId: quote.quote_id, orderId: '#W0000006', now }));
    const failing = { name: 'reserve_stock', run: async () => { throw new Error('warehouse unavailable'); } };
    await expect(runSaga([
      toolStep({ runtime, system: 'pricing', tools: pricingTools, backend, principal: service, tool: 'apply_coupon', input: { quote_id: quote.quote_id, order_id: '#W0000006' } }),
      failing,
    ], { name: 'order.create', key: 'saga-W0000006', runtime })).rejects.toMatchObject({ details: { saga: { compensations: [{ step: 'apply_coupon', outcome: 'skipped' }] } } });
    expect((await backend(db).getCouponRedemption('#W0000006'))?.releasedAt).toBeNull();
  });

  it("leaves points the saga's redeem_loyalty_points found already redeemed (replayed) in place when it rolls back", async () => {
    const runtime = createActionRuntime({ db, schema: `${prefix}_kit`, now: () => now });
    const backend = sqlPricingBackend(schema);
    await db.transaction((tx) => backend(tx).redeemLoyaltyPoints({ customerId: 'ann', orderId: '#W0000007', points: 30, now }));
    const before = await balanceOf('ann');
    const failing = { name: 'reserve_stock', run: async () => { throw new Error('warehouse unavailable'); } };
    await expect(runSaga([
      toolStep({ runtime, system: 'pricing', tools: pricingTools, backend, principal: service, tool: 'redeem_loyalty_points', input: { customer_id: 'ann', order_id: '#W0000007', points: 30 } }),
      failing,
    ], { name: 'order.create', key: 'saga-W0000007', runtime })).rejects.toMatchObject({ details: { saga: { compensations: [{ step: 'redeem_loyalty_points', outcome: 'skipped' }] } } });
    expect(await balanceOf('ann')).toBe(before);
  });

  it('answers list prices with their history', async () => {
    const { call } = await connect(service);
    const price = await call('get_variant_price', { item_id: '9612497925', include_history: true });
    expect(price.data).toMatchObject({ item_id: '9612497925', product_id: '9523456873', price: 50.88, valid_to: null, history: [{ price: 50.88 }] });
    expect((await call('get_variant_price', { item_id: '0000' })).text).toMatch(/^NOT_FOUND: item 0000 has no list price/);
  });
});
