import { migrate } from '@agentic-commerce/kit';
import { dropPrefixedSchemas, testEngines, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkLoadWms } from './bulk-load.ts';
import { wmsMigrations } from './migrations.ts';
import { sqlWmsBackend } from './sql-wms-backend.ts';

const prefix = uniquePrefix();
const at = new Date('2026-05-01T00:00:00Z');
const warehouse = { id: 'wh-1', name: 'One', region: 'all', zipPrefixes: [] };
const order = (n: number, quantity: number, status: 'active' | 'released' = 'active') => ({
  orderId: `#W${String(n).padStart(7, '0')}`,
  customerId: `c_${n}`,
  status,
  lines: [{ itemId: '42', warehouseId: 'wh-1', quantity }],
  createdAt: '2026-04-01T00:00:00.000Z',
});

describe.each(testEngines())('bulkLoadWms: $name', ({ name, open }) => {
  const schema = `${prefix}_${name}_wms`;
  const wms = sqlWmsBackend(schema);
  beforeAll(async () => migrate(await open(), schema, wmsMigrations));
  afterAll(async () => dropPrefixedSchemas(await open(), `${prefix}_${name}`));

  it('loads in several calls and derives reserved units from active reservations only', async () => {
    const db = await open();
    const counts = await db.transaction((tx) => bulkLoadWms(tx, schema, { warehouses: [warehouse], stock: [{ itemId: '42', warehouseId: 'wh-1', onHand: 10 }] }, at));
    expect(counts).toEqual({ warehouses: 1, stock: 1, reservations: 0, reservationLines: 0, fulfillments: 0 });
    await db.transaction((tx) => bulkLoadWms(tx, schema, { reservations: [order(1, 2), order(2, 5, 'released')] }, at));
    await db.transaction((tx) => bulkLoadWms(tx, schema, { reservations: [order(3, 3)] }, at));
    expect(await wms(db).getStock('42')).toEqual([{ itemId: '42', warehouseId: 'wh-1', onHand: 10, reserved: 5, available: 5 }]);
    const moves = await wms(db).listMovements({ itemId: '42', limit: 10 });
    expect(moves.map((m) => [m.reason, m.reservedDelta, m.reference])).toEqual([
      ['initial', 0, null],
      ['reservation', 2, '#W0000001'],
      ['reservation', 3, '#W0000003'],
    ]);
  });

  it('refuses reservations beyond on-hand stock or without a stock row, loading nothing', async () => {
    const db = await open();
    await expect(db.transaction((tx) => bulkLoadWms(tx, schema, { reservations: [order(4, 6)] }, at))).rejects.toThrow(
      'active reservations would hold 11 units of item 42 in wh-1, which has 10 on hand',
    );
    const orphan = { ...order(5, 1), lines: [{ itemId: '43', warehouseId: 'wh-1', quantity: 1 }] };
    await expect(db.transaction((tx) => bulkLoadWms(tx, schema, { reservations: [orphan] }, at))).rejects.toThrow(
      'order #W0000005 reserves item 43 in wh-1, which has no stock row',
    );
    expect(await wms(db).getReservation('#W0000004')).toBeUndefined();
    expect((await wms(db).getStock('42'))[0]?.reserved).toBe(5);
  });
});
