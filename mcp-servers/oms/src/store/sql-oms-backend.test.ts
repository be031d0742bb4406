import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, type Database } from '@agentic-commerce/kit';
import { dropPrefixedSchemas, testEngines, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { cancelPendingOrder } from '../domain/cancel-order.ts';
import { exchangeDeliveredOrderItems } from '../domain/exchange-order-items.ts';
import { modifyPendingOrderItems } from '../domain/modify-order-items.ts';
import { applyOrderChange } from '../domain/order-change.ts';
import type { Order } from '../domain/records.ts';
import { exportTauState, importTauBench, type TauState } from '../import/tau-bench.ts';
import { DELIVERED, MUG, PENDING, PRODUCTS, SHIRT, USER, USER_ID, fresh } from '../testing/sample-records.ts';
import { BULK_CHUNK_ROWS } from './bulk-insert.ts';
import { omsMigrations } from './migrations.ts';
import { sqlOmsBackend } from './sql-oms-backend.ts';
import { copyOmsSchema, restoreOmsRecords } from './sql-oms-snapshot.ts';

const prefix = uniquePrefix();
const state = (): TauState => ({
  users: { [USER_ID]: fresh(USER) },
  orders: { [PENDING.order_id]: fresh(PENDING), [DELIVERED.order_id]: fresh(DELIVERED) },
  products: { [SHIRT.product_id]: fresh(SHIRT), [MUG.product_id]: fresh(MUG) },
});

describe.each(testEngines())('SQL OMS backend conformance: $name', ({ name, open }) => {
  let db: Database;
  let n = 0;
  /** A fresh, loaded OMS schema for one test. */
  async function world() {
    const schema = `${prefix}_${name}_${n++}`;
    await migrate(db, schema, omsMigrations);
    const backend = sqlOmsBackend(schema);
    await db.transaction((tx) => importTauBench(backend(tx), state()));
    return { schema, oms: backend(db) };
  }

  // PGlite takes seconds to start, much more on a busy machine
  beforeAll(async () => {
    db = await open();
  }, 300_000);
  afterAll(async () => dropPrefixedSchemas(db, prefix));

  it('exports exactly the τ-bench records it imported', async () => {
    const { oms } = await world();
    expect(await exportTauState(oms)).toEqual(state());
  });

  it('persists each rule\'s change exactly as the pure record says, and reports what changed', async () => {
    const { oms } = await world();
    const items = modifyPendingOrderItems(fresh(PENDING), fresh(USER), PRODUCTS, ['1000000001', '2000000001'], ['1000000002', '2000000002'], 'gift_card_2222222');
    await oms.applyOrderChange(items, new Date());
    const exchange = exchangeDeliveredOrderItems(fresh(DELIVERED), fresh(USER), PRODUCTS, ['1000000002'], ['1000000001'], 'credit_card_1111111');
    await oms.applyOrderChange(exchange, new Date());
    const after = await exportTauState(oms);
    expect(after.orders[PENDING.order_id]).toEqual(applyOrderChange(PENDING, items));
    expect(after.orders[DELIVERED.order_id]).toEqual(applyOrderChange(DELIVERED, exchange));
    // the unrounded difference survives the round trip through the database
    expect(after.orders[PENDING.order_id]?.payment_history.at(-1)?.amount).toBe(0 + (53.43 - 50.88) + (12.2 - 10.1));
    expect(after.users[USER_ID]?.payment_methods.gift_card_2222222?.balance).toBe(15.35);
    expect(await oms.changedRecordIds()).toEqual({ users: [USER_ID], orders: [PENDING.order_id, DELIVERED.order_id].sort(), products: [] });
  });

  it('restores changed records from a template, including orders created since', async () => {
    const { schema, oms } = await world();
    const template = `${schema}_tpl`;
    await migrate(db, template, omsMigrations);
    await copyOmsSchema(db, schema, template);
    await oms.applyOrderChange(cancelPendingOrder(fresh(PENDING), fresh(USER), 'ordered by mistake'), new Date());
    await oms.setCustomerAddress(USER_ID, { ...USER.address, city: 'Dallas' });
    const extra: Order = { ...fresh(PENDING), order_id: '#W1000003', payment_history: [] };
    await oms.insertOrder(extra, { placedAt: new Date(), allocations: [{ kind: 'stock_reservation', reference: 'r1' }], giftCardBalances: [] });
    expect((await oms.getCustomer(USER_ID))?.orders).toEqual(['#W1000001', '#W1000002', '#W1000003']);
    await db.transaction(async (tx) => restoreOmsRecords(tx, schema, template, await sqlOmsBackend(schema)(tx).changedRecordIds()));
    expect(await exportTauState(oms)).toEqual(state());
    expect(await oms.changedRecordIds()).toEqual({ users: [], orders: [], products: [] });
  });

  it('finds customers by email (any case) and by name + zip, and lists their orders newest first', async () => {
    const { oms } = await world();
    expect(await oms.findCustomerIdByEmail('SARA.DOE@example.com')).toBe(USER_ID);
    expect(await oms.findCustomerIdByEmail('nobody@example.com')).toBeUndefined();
    expect(await oms.findCustomerIdByNameZip('sara', 'DOE', '78701')).toBe(USER_ID);
    expect(await oms.findCustomerIdByNameZip('sara', 'doe', '00000')).toBeUndefined();
    const orders = await oms.listCustomerOrders(USER_ID, { limit: 10, offset: 0 });
    expect(orders.map((o) => [o.orderId, o.status, o.itemCount])).toEqual([['#W1000002', 'delivered', 2], ['#W1000001', 'pending', 3]]);
    expect(orders[1]?.total).toBeCloseTo(111.86, 10);
    expect((await oms.listCustomerOrders(USER_ID, { statuses: ['pending'], limit: 10, offset: 0 })).map((o) => o.orderId)).toEqual(['#W1000001']);
    expect(await oms.listProductTypes()).toEqual([{ name: 'Mug', product_id: MUG.product_id }, { name: 'T-Shirt', product_id: SHIRT.product_id }]);
  });

  it('bulk-loads what orders took from other systems with them, and replaces one kind of allocation', async () => {
    const { oms } = await world();
    const order: Order = { ...fresh(PENDING), order_id: '#W3000001' };
    const allocations = new Map([[order.order_id, [{ kind: 'stock_reservation' as const, reference: 'rsv-1' }, { kind: 'coupon' as const, reference: 'cpn-1' }]]]);
    await expect(oms.loadOrders([order], { allocations: new Map([['#W3999999', []]]) })).rejects.toThrow(/allocations name orders that are not in this load: #W3999999/);
    expect(await oms.orderIdExists(order.order_id)).toBe(false);
    await oms.loadOrders([order], { allocations });
    expect(await oms.getOrderAllocations(order.order_id)).toEqual([{ kind: 'coupon', reference: 'cpn-1' }, { kind: 'stock_reservation', reference: 'rsv-1' }]);
    await oms.setOrderAllocations(order.order_id, 'stock_reservation', ['rsv-2']);
    expect(await oms.getOrderAllocations(order.order_id)).toEqual([{ kind: 'coupon', reference: 'cpn-1' }, { kind: 'stock_reservation', reference: 'rsv-2' }]);
    expect((await oms.changedRecordIds()).orders).toEqual([order.order_id]);
  });

  it('gives an order\'s times from its locked read inside a write, the same as read on their own', async () => {
    const { schema, oms } = await world();
    const order: Order = { ...fresh(DELIVERED), order_id: '#W3000002' };
    const timeline = { placedAt: '2026-11-01T09:30:00.000Z', deliveredAt: '2026-11-04T15:00:00.000Z' };
    await oms.loadOrders([order], { timelines: new Map([[order.order_id, timeline]]) });
    expect(await oms.getOrderTimeline(order.order_id)).toEqual(timeline);
    const inWrite = await db.transaction(async (tx) => {
      const backend = sqlOmsBackend(schema)(tx);
      await backend.getOrder(order.order_id, { lock: true });
      return backend.getOrderTimeline(order.order_id);
    });
    expect(inWrite).toEqual(timeline);
    expect(await oms.getOrderTimeline('#W3999998')).toBeUndefined();
  });

  it(`bulk-loads more rows than one statement carries (${BULK_CHUNK_ROWS} per chunk)`, async () => {
    const { oms } = await world();
    const count = BULK_CHUNK_ROWS + 7;
    const orders = Array.from({ length: count }, (_, i): Order => ({ ...fresh(DELIVERED), order_id: `#W${2_000_000 + i}` }));
    await oms.loadOrders(orders);
    const user = await oms.getCustomer(USER_ID);
    expect(user?.orders.length).toBe(2 + count);
    expect(user?.orders.at(-1)).toBe(`#W${2_000_000 + count - 1}`);
    expect((await oms.getOrder(`#W${2_000_000 + count - 1}`))?.fulfillments).toEqual(DELIVERED.fulfillments);
  });
});
