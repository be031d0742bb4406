import { migrate, type Database } from '@agentic-commerce/kit';
import { dropPrefixedSchemas, testEngines, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pricingBulkLoader } from './bulk-load.ts';
import { pricingMigrations } from './migrations.ts';
import { sqlPricingBackend } from './sql-pricing-backend.ts';

const prefix = uniquePrefix();
/** Starting PGlite and migrating can take a minute on a busy 2-core machine. */
const SETUP_TIMEOUT_MS = 180_000;
const now = new Date('2026-06-15T12:00:00Z');
const shipTo = { address1: '1 Main St', city: 'Austin', state: 'TX', country: 'USA', zip: '78701' };

describe.each(testEngines())('pricing SQL backend conformance: $name', ({ name, open }) => {
  const schema = `${prefix}_${name}_pricing`;
  const backend = sqlPricingBackend(schema);
  let db: Database;
  const write = <T>(fn: (b: ReturnType<typeof backend>) => Promise<T>) => db.transaction((tx) => fn(backend(tx)));
  const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.${table}`))[0]?.n;

  beforeAll(async () => {
    db = await open();
    await migrate(db, schema, pricingMigrations);
    const load = pricingBulkLoader(schema)(db);
    await load.loadVariantPrices([
      { itemId: '100', productId: 'p1', category: 'apparel', price: 40, validFrom: '2020-01-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z' },
      { itemId: '100', productId: 'p1', category: 'apparel', price: 50, validFrom: '2026-01-01T00:00:00Z' },
      { itemId: '200', productId: 'p2', category: 'kitchen', price: 19.99 },
      ...Array.from({ length: 3000 }, (_, i) => ({ itemId: `b${i}`, productId: `pb${i % 50}`, price: 1 + (i % 500) / 4 })),
    ]);
    await load.loadLoyaltyAccounts([{ customerId: 'ann', segment: 'gold', balance: 1000 }, { customerId: 'bob', balance: 50 }]);
    await load.loadPromotions([
      { id: 'gold-10', name: 'Gold 10%', kind: 'percentage', scope: 'line', value: 10, startsAt: '2026-01-01T00:00:00Z', eligibility: { segments: ['gold'] } },
      { id: 'expired-50', name: 'Old sale', kind: 'percentage', scope: 'line', value: 50, startsAt: '2025-01-01T00:00:00Z', endsAt: '2026-06-01T00:00:00Z' },
      { id: 'mugs-b2g1', name: 'Mugs 3 for 2', kind: 'buy_x_get_y', scope: 'line', value: 100, buyQuantity: 2, getQuantity: 1, startsAt: '2026-01-01T00:00:00Z', eligibility: { categories: ['kitchen'] } },
    ]);
    await load.loadCoupons([
      { code: 'ONCE', description: '5 off', kind: 'fixed_amount', value: 5, startsAt: '2026-01-01T00:00:00Z', totalLimit: 1 },
      { code: 'each2', description: '10% off', kind: 'percentage', value: 10, startsAt: '2026-01-01T00:00:00Z', perCustomerLimit: 1 },
    ]);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => dropPrefixedSchemas(db, schema));

  it('keeps list prices as history and answers the price valid at a time', async () => {
    expect((await backend(db).getVariantPrice('100', now))?.price).toBe(50);
    expect((await backend(db).getVariantPrice('100', new Date('2025-06-01T00:00:00Z')))?.price).toBe(40);
    const changed = await write((b) => b.setListPrice({ itemId: '100', productId: 'p1', price: 45.5, validFrom: new Date('2026-07-01T00:00:00Z') }));
    expect(changed).toMatchObject({ price: 45.5, category: 'apparel', validTo: null });
    expect((await backend(db).getPriceHistory('100')).map((p) => [p.price, p.validTo])).toEqual([[40, '2026-01-01T00:00:00.000Z'], [50, '2026-07-01T00:00:00.000Z'], [45.5, null]]);
    await expect(write((b) => b.setListPrice({ itemId: '100', productId: 'p1', price: 1, validFrom: new Date('2026-06-30T00:00:00Z') }))).rejects.toThrow(/must start after it/);
    expect((await backend(db).getVariantPrices(['b0', 'b2999', 'nope'], now)).map((p) => p.itemId)).toEqual(['b0', 'b2999']);
    const changes = await backend(db).listPriceChanges({ since: new Date('2025-12-31T00:00:00Z'), until: new Date('2026-12-31T00:00:00Z'), limit: 10 });
    expect(changes.map((p) => [p.itemId, p.price])).toEqual([['100', 50], ['100', 45.5]]);
  });

  it('quotes a cart with segment promotion and buy-x-get-y, skips expired promotions, persists the quote', async () => {
    const quote = await write((b) => b.quoteCart({ customerId: 'ann', lines: [{ itemId: '100', quantity: 1 }, { itemId: '200', quantity: 3 }], shipTo, serviceLevel: 'standard', loyaltyPoints: 100, now }));
    expect(quote.lines.map((l) => l.adjustments.map((a) => a.id))).toEqual([['gold-10'], ['mugs-b2g1']]);
    expect(quote).toMatchObject({ subtotal: 109.97, discount_total: 24.99, merchandise_total: 84.98, shipping: { amount: 0 }, tax: { state: 'TX', amount: 5.31 }, total: 90.29, amount_due: 89.29 });
    expect(quote.loyalty).toEqual({ points_redeemed: 100, redemption_value: 1, points_to_earn: 83, balance_after: 900 });
    expect(Date.parse(quote.expires_at) - now.getTime()).toBe(30 * 60_000);
    expect(await backend(db).getQuote(quote.quote_id)).toEqual(quote);
  });

  it('refuses a bad quote and persists nothing', async () => {
    const before = await count('quotes');
    const bad = [
      [{ itemId: 'nope', quantity: 1 }], [{ itemId: '100', quantity: 0 }], [{ itemId: '100', quantity: 1 }, { itemId: '100', quantity: 2 }],
    ];
    for (const lines of bad) await expect(write((b) => b.quoteCart({ customerId: 'ann', lines, shipTo, serviceLevel: 'standard', now }))).rejects.toThrow(/no current list price|whole number from 1|appears twice/);
    await expect(write((b) => b.quoteCart({ customerId: 'bob', lines: [{ itemId: '200', quantity: 1 }], shipTo, serviceLevel: 'standard', loyaltyPoints: 51, now }))).rejects.toThrow(/balance is 50 points/);
    await expect(write((b) => b.quoteCart({ customerId: 'ann', lines: [{ itemId: '200', quantity: 1 }], shipTo, serviceLevel: 'drone', now }))).rejects.toThrow(/choose one of: standard, express, overnight/);
    await expect(write((b) => b.quoteCart({ customerId: 'ann', lines: [{ itemId: '200', quantity: 1 }], shipTo: { ...shipTo, state: 'ZZ' }, serviceLevel: 'standard', now }))).rejects.toThrow(/not a US state code/);
    expect(await count('quotes')).toBe(before);
  });

  it('applies a coupon once per order, enforces its total limit, and frees it on release', async () => {
    const quote = (customerId: string, code: string) => write((b) => b.quoteCart({ customerId, lines: [{ itemId: '100', quantity: 1 }], couponCode: code, shipTo, serviceLevel: 'standard', now }));
    const q1 = await quote('ann', 'once');
    expect(q1.order_adjustments).toEqual([expect.objectContaining({ source: 'coupon', id: 'ONCE', amount: 5 })]);
    const first = await write((b) => b.applyCoupon({ quoteId: q1.quote_id, orderId: '#W1', now }));
    expect(first).toMatchObject({ replayed: false, redemption: { code: 'ONCE', customerId: 'ann', discount: 5, releasedAt: null } });
    expect((await write((b) => b.applyCoupon({ quoteId: q1.quote_id, orderId: '#W1', now }))).replayed).toBe(true);
    await expect(quote('bob', 'ONCE')).rejects.toThrow(/reached its usage limit \(1 uses in total\)/);
    expect(await backend(db).validateCoupon({ code: 'once', customerId: 'bob', now })).toMatchObject({ valid: false, refusal: 'total_limit_reached', remainingTotal: 0 });
    await write((b) => b.releaseCoupon({ orderId: '#W1', now }));
    expect((await write((b) => b.releaseCoupon({ orderId: '#W1', now }))).replayed).toBe(true);
    expect(await backend(db).validateCoupon({ code: 'ONCE', customerId: 'bob', now })).toMatchObject({ valid: true, remainingTotal: 1 });
    await expect(write((b) => b.releaseCoupon({ orderId: '#W404', now }))).rejects.toThrow(/no coupon was applied to order #W404/);
  });

  it('enforces the per-customer limit when applying, even from an earlier quote', async () => {
    const q1 = await write((b) => b.quoteCart({ customerId: 'bob', lines: [{ itemId: '200', quantity: 1 }], couponCode: 'EACH2', shipTo, serviceLevel: 'standard', now }));
    const q2 = await write((b) => b.quoteCart({ customerId: 'bob', lines: [{ itemId: '200', quantity: 2 }], couponCode: 'EACH2', shipTo, serviceLevel: 'standard', now }));
    await write((b) => b.applyCoupon({ quoteId: q1.quote_id, orderId: '#W2', now }));
    await expect(write((b) => b.applyCoupon({ quoteId: q2.quote_id, orderId: '#W3', now }))).rejects.toThrow(/already used 1 time\(s\) by this customer/);
    await expect(write((b) => b.applyCoupon({ quoteId: q2.quote_id, orderId: '#W2', now }))).rejects.toThrow(/already uses coupon EACH2/);
    const late = new Date(now.getTime() + 31 * 60_000);
    await write((b) => b.releaseCoupon({ orderId: '#W2', now }));
    await expect(write((b) => b.applyCoupon({ quoteId: q2.quote_id, orderId: '#W3', now: late }))).rejects.toThrow(/expired at/);
    expect(await count('coupon_redemptions')).toBe(2);
  });

  it('never lets concurrent orders exceed a coupon\'s total limit or overdraw points', async () => {
    await pricingBulkLoader(schema)(db).loadCoupons([{ code: 'RUSH3', description: '1 off', kind: 'fixed_amount', value: 1, startsAt: '2026-01-01T00:00:00Z', totalLimit: 3 }]);
    await pricingBulkLoader(schema)(db).loadLoyaltyAccounts([{ customerId: 'cara', balance: 100 }]);
    const applied = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => write((b) => b.applyCoupon({ orderId: `#R${i}`, code: 'rush3', customerId: `c${i}`, now }))),
    );
    expect(applied.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refusals = applied.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    expect(refusals.every((m) => /reached its usage limit \(3 uses in total\)/.test(m))).toBe(true);
    const redeemed = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => write((b) => b.redeemLoyaltyPoints({ customerId: 'cara', orderId: `#P${i}`, points: 30, now }))),
    );
    expect(redeemed.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect((await backend(db).getLoyaltyAccount('cara'))?.balance).toBe(10);
  });

  it('redeems and restores loyalty points idempotently per order, never beyond the balance', async () => {
    const redeem = (orderId: string, points: number) => write((b) => b.redeemLoyaltyPoints({ customerId: 'bob', orderId, points, now }));
    expect(await redeem('#W10', 30)).toMatchObject({ balance: 20, replayed: false, transaction: { kind: 'redeem', points: -30, balanceAfter: 20 } });
    expect(await redeem('#W10', 30)).toMatchObject({ balance: 20, replayed: true });
    await expect(redeem('#W10', 10)).rejects.toThrow(/already redeemed 30 points/);
    await expect(redeem('#W11', 21)).rejects.toThrow(/cannot redeem 21 points: the balance of customer bob is 20 points/);
    await expect(redeem('#W11', 0)).rejects.toThrow(/whole number above 0/);
    expect(await write((b) => b.restoreLoyaltyPoints({ orderId: '#W10', now }))).toMatchObject({ balance: 50, replayed: false, transaction: { kind: 'restore', points: 30 } });
    expect(await write((b) => b.restoreLoyaltyPoints({ orderId: '#W10', customerId: 'bob', now }))).toMatchObject({ balance: 50, replayed: true });
    await expect(write((b) => b.restoreLoyaltyPoints({ orderId: '#W10', customerId: 'ann', now }))).rejects.toThrow(/no points were redeemed for order #W10 by customer ann/);
    await expect(redeem('#W10', 30)).rejects.toThrow(/were restored/);
    expect(await write((b) => b.earnLoyaltyPoints({ customerId: 'bob', orderId: '#W10', points: 7, now }))).toMatchObject({ balance: 57 });
    const history = await backend(db).getLoyaltyHistory('bob', { limit: 10 });
    expect(history.map((t) => [t.kind, t.points, t.balanceAfter])).toEqual([['earn', 7, 57], ['restore', 30, 50], ['redeem', -30, 20]]);
    expect((await backend(db).getLoyaltyHistory('bob', { limit: 10, beforeId: history[1]?.id })).map((t) => t.kind)).toEqual(['redeem']);
    expect(await backend(db).getLoyaltyAccount('bob')).toMatchObject({ balance: 57, balanceValue: 0.57, segment: 'standard' });
    expect(await backend(db).getLoyaltyAccount('nobody')).toBeUndefined();
  });

  it('reuses a balance read locked in the same transaction for one redemption, then reads it again for the next', async () => {
    await pricingBulkLoader(schema)(db).loadLoyaltyAccounts([{ customerId: 'dee', balance: 1000 }]);
    let balanceLocks = 0;
    const result = await db.transaction(async (tx) => {
      const counted = { ...tx, query: <T>(sql: string, params?: readonly unknown[]) => ((balanceLocks += Number(/loyalty_accounts WHERE customer_id = \$1 FOR UPDATE/.test(sql))), tx.query<T>(sql, params)) };
      const b = backend(counted);
      const read = await b.getLoyaltyAccount('dee', { lock: true });
      const first = await b.redeemLoyaltyPoints({ customerId: 'dee', orderId: '#L1', points: 100, now });
      // The second redemption must see the first one's debit, not the balance read before it.
      const second = await b.redeemLoyaltyPoints({ customerId: 'dee', orderId: '#L2', points: 50, now });
      return { read, first, second };
    });
    expect(result.read).toMatchObject({ balance: 1000 });
    expect(result.first).toMatchObject({ balance: 900, replayed: false });
    expect(result.second).toMatchObject({ balance: 850, replayed: false });
    expect(balanceLocks).toBe(2); // the read, and the second redemption's own read; the first used the read
    expect(await backend(db).getLoyaltyAccount('dee')).toMatchObject({ balance: 850 });
  });
});
