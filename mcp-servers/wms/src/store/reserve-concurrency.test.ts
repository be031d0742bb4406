import { isCommerceError, migrate } from '@agentic-commerce/kit';
import { dropPrefixedSchemas, testEngines, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkLoadWms } from './bulk-load.ts';
import { wmsMigrations } from './migrations.ts';
import { sqlWmsBackend } from './sql-wms-backend.ts';

const prefix = uniquePrefix();
const at = new Date('2026-05-01T00:00:00Z');

// On PostgreSQL these transactions really run at once (pool of connections); PGlite serialises them.
describe.each(testEngines())('reservations under concurrency: $name', ({ name, open }) => {
  const schema = `${prefix}_${name}_wms`;
  const wms = sqlWmsBackend(schema);
  beforeAll(async () => {
    const db = await open();
    await migrate(db, schema, wmsMigrations);
    await db.transaction((tx) =>
      bulkLoadWms(tx, schema, { warehouses: [{ id: 'wh-1', name: 'One', region: 'all', zipPrefixes: [] }], stock: [{ itemId: '77', warehouseId: 'wh-1', onHand: 3 }] }, at),
    );
  });
  afterAll(async () => dropPrefixedSchemas(await open(), `${prefix}_${name}`));

  const reserve = async (orderId: string) =>
    (await open()).transaction((tx) => wms(tx).reserve({ orderId, customerId: 'c1', lines: [{ itemId: '77', quantity: 1 }] }, at)).then(
      () => 'reserved',
      (error: unknown) => (isCommerceError(error) ? error.code : String(error)),
    );

  it('never sells the same unit twice: 10 orders race for 3 units', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => reserve(`#W${9000000 + i}`)));
    expect(outcomes.filter((o) => o === 'reserved')).toHaveLength(3);
    expect(outcomes.filter((o) => o !== 'reserved')).toEqual(Array(7).fill('FAILED_PRECONDITION'));
    expect(await wms(await open()).getStock('77')).toEqual([{ itemId: '77', warehouseId: 'wh-1', onHand: 3, reserved: 3, available: 0 }]);
  });

  it('keeps one reservation when the same order is reserved concurrently', async () => {
    const db = await open();
    // Free a unit: release whichever order of the race above got one (which ones won is up to the race).
    for (let i = 0; i < 10; i += 1) {
      const released = await db.transaction((tx) => wms(tx).release(`#W${9000000 + i}`, at)).then(() => true, () => false);
      if (released) break;
    }
    const held = (await wms(db).getStock('77'))[0]!.reserved;
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => reserve('#W9100000')));
    expect(outcomes).toEqual(Array(5).fill('reserved'));
    expect((await wms(db).getStock('77'))[0]!.reserved - held).toBe(1);
  });
});
