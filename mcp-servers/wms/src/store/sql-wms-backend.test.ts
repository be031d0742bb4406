import { dropPrefixedSchemas, testEngines, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TIME, seedWmsFixture } from '../testing/wms-fixture.ts';
import { sqlWmsBackend } from './sql-wms-backend.ts';

const prefix = uniquePrefix();
const at = new Date('2026-05-02T10:00:00Z');

describe.each(testEngines())('WMS SQL backend conformance: $name', ({ name, open }) => {
  const schema = `${prefix}_${name}_wms`;
  const wms = sqlWmsBackend(schema);
  beforeAll(async () => seedWmsFixture(await open(), schema));
  afterAll(async () => dropPrefixedSchemas(await open(), `${prefix}_${name}`));

  it('reports stock per warehouse with available = on hand - reserved, and bulk availability', async () => {
    const db = await open();
    expect(await wms(db).getStock('1000000002')).toEqual([{ itemId: '1000000002', warehouseId: 'wh-west', onHand: 3, reserved: 1, available: 2 }]);
    expect(await wms(db).getStock('1000000001', 'wh-west')).toEqual([{ itemId: '1000000001', warehouseId: 'wh-west', onHand: 4, reserved: 0, available: 4 }]);
    expect(await wms(db).availability(['1000000001', '1000000003', '9'])).toEqual(new Map([['1000000001', 14], ['1000000003', 0], ['9', 0]]));
    expect(await wms(db).isAvailable('1000000003')).toBe(false);
    expect(await wms(db).isAvailable('1000000001')).toBe(true);
  });

  it('reserves from one warehouse when it can ship everything, and is idempotent by order id', async () => {
    const db = await open();
    const request = { orderId: '#W1000001', customerId: 'alice_1', lines: [{ itemId: '1000000001', quantity: 2 }], shipToZip: '94107' };
    const first = await db.transaction((tx) => wms(tx).reserve(request, at));
    expect(first).toMatchObject({ reservationId: 'rsv_W1000001', status: 'active', lines: [{ itemId: '1000000001', warehouseId: 'wh-west', quantity: 2 }] });
    const again = await db.transaction((tx) => wms(tx).reserve(request, new Date('2026-05-03T00:00:00Z')));
    expect(first.created).toBe(true);
    expect(again).toEqual({ ...first, created: false }); // already held: this call held nothing (nothing for it to undo)
    expect((await wms(db).getStock('1000000001', 'wh-west'))[0]).toMatchObject({ reserved: 2, available: 2 });
    await expect(db.transaction((tx) => wms(tx).reserve({ ...request, lines: [{ itemId: '1000000001', quantity: 3 }] }, at))).rejects.toThrow(
      'already holds an active reservation with other lines',
    );
  });

  it('splits across warehouses when needed and refuses a shortage without changing stock', async () => {
    const db = await open();
    const split = await db.transaction((tx) =>
      wms(tx).reserve({ orderId: '#W1000002', customerId: 'bob_2', lines: [{ itemId: '1000000001', quantity: 12 }], shipToZip: '10001' }, at),
    );
    expect(split.lines).toEqual([
      { itemId: '1000000001', warehouseId: 'wh-east', quantity: 10 },
      { itemId: '1000000001', warehouseId: 'wh-west', quantity: 2 },
    ]);
    const before = await wms(db).getStock('1000000002');
    await expect(
      db.transaction((tx) => wms(tx).reserve({ orderId: '#W1000003', customerId: 'bob_2', lines: [{ itemId: '1000000002', quantity: 1 }, { itemId: '1000000001', quantity: 1 }] }, at)),
    ).rejects.toThrow('item 1000000001: requested 1, available 0');
    expect(await wms(db).getStock('1000000002')).toEqual(before);
    expect(await wms(db).getReservation('#W1000003')).toBeUndefined();
  });

  it('releases (idempotently) and renews a released reservation', async () => {
    const db = await open();
    const released = await db.transaction((tx) => wms(tx).release('#W1000002', at));
    expect(released.status).toBe('released');
    expect(await db.transaction((tx) => wms(tx).release('#W1000002', at))).toEqual(released);
    expect((await wms(db).availability(['1000000001'])).get('1000000001')).toBe(12);
    const renewed = await db.transaction((tx) => wms(tx).reserve({ orderId: '#W1000002', customerId: 'bob_2', lines: [{ itemId: '1000000001', quantity: 1 }] }, at));
    expect(renewed).toMatchObject({ status: 'active', lines: [{ itemId: '1000000001', warehouseId: 'wh-east', quantity: 1 }] });
    await expect(db.transaction((tx) => wms(tx).release('#W404', at))).rejects.toThrow('no reservation for order #W404');
  });

  it('consumes a reservation when the order ships, and refuses to release it afterwards', async () => {
    const db = await open();
    const consumed = await db.transaction((tx) => wms(tx).consume('#W0000001', at));
    expect(consumed.status).toBe('consumed');
    expect(await wms(db).getStock('1000000002')).toEqual([{ itemId: '1000000002', warehouseId: 'wh-west', onHand: 2, reserved: 0, available: 2 }]);
    await expect(db.transaction((tx) => wms(tx).release('#W0000001', at))).rejects.toThrow("is 'consumed'; only an 'active' reservation can be released");
  });

  it('records every quantity change as an append-only movement', async () => {
    const db = await open();
    const moves = await wms(db).listMovements({ itemId: '1000000002', limit: 10 });
    expect(moves.map((m) => [m.reason, m.onHandDelta, m.reservedDelta, m.reference])).toEqual([
      ['initial', 3, 0, null],
      ['reservation', 0, 1, '#W0000001'],
      ['shipment', -1, -1, '#W0000001'],
    ]);
    expect(moves[0]?.at).toBe(FIXTURE_TIME.toISOString());
    await expect(db.query(`DELETE FROM ${schema}.stock_movements`)).rejects.toThrow('append-only');
    expect(await wms(db).listMovements({ afterId: moves[1]!.id, itemId: '1000000002', limit: 100 })).toEqual([moves[2]]);
    const all = await wms(db).listMovements({ limit: 1000 });
    const page = await wms(db).listMovements({ afterId: all[3]!.id, limit: 2 });
    expect(page).toEqual(all.slice(4, 6));
  });

  it('adjusts on-hand stock but never below what is reserved', async () => {
    const db = await open();
    expect(await db.transaction((tx) => wms(tx).adjust({ itemId: '1000000003', warehouseId: 'wh-east', delta: 5, reason: 'receipt', reference: 'PO-1' }, at))).toEqual({
      itemId: '1000000003', warehouseId: 'wh-east', onHand: 5, reserved: 0, available: 5,
    });
    await expect(db.transaction((tx) => wms(tx).adjust({ itemId: '1000000001', warehouseId: 'wh-east', delta: -10, reason: 'adjustment' }, at))).rejects.toThrow(
      'at most 9 can be removed',
    );
  });

  it('lists low stock with per-variant thresholds before the default', async () => {
    const db = await open();
    const low = await wms(db).listLowStock({ defaultThreshold: 2, limit: 10 });
    expect(low.map((l) => [l.itemId, l.available, l.threshold, l.thresholdSource])).toEqual([
      ['1000000002', 2, 2, 'default'],
      ['1000000001', 11, 20, 'variant'],
    ]);
    expect((await wms(db).listLowStock({ defaultThreshold: 2, warehouseId: 'wh-east', limit: 10 })).map((l) => l.itemId)).toEqual(['1000000001']);
  });

  it('moves fulfillments forward only', async () => {
    const db = await open();
    expect(await wms(db).listFulfillments('#W0000002')).toHaveLength(1);
    const shipped = await db.transaction((tx) => wms(tx).advanceFulfillment('111111111111', 'shipped', at));
    expect(shipped).toMatchObject({ status: 'shipped', updatedAt: at.toISOString(), itemIds: ['1000000001'] });
    await expect(db.transaction((tx) => wms(tx).advanceFulfillment('111111111111', 'packed', at))).rejects.toThrow('can only move forward');
    expect((await wms(db).getFulfillment('111111111111'))?.status).toBe('shipped');
  });
});
