import { isCommerceError, migrate } from '@agentic-commerce/kit';
import { dropPrefixedSchemas, testEngines, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slotsForArea } from '../domain/delivery-slots.ts';
import { shipment } from '../testing/shipment-fixture.ts';
import { bulkLoadCourier } from './bulk-load.ts';
import { courierMigrations } from './migrations.ts';
import { sqlCourierBackend } from './sql-courier-backend.ts';

const prefix = uniquePrefix();
const now = new Date('2026-05-02T06:00:00Z');
const parcel = (n: number, slotId: string | null = null) => ({ ...shipment({ trackingId: String(500000000000 + n), slotId }), events: [] });

// Bookings on PostgreSQL really run at once (pool of connections); PGlite serialises them.
describe.each(testEngines())('courier bulk load and slot races: $name', ({ name, open }) => {
  const schema = `${prefix}_${name}_courier`;
  const courier = sqlCourierBackend(schema);
  beforeAll(async () => {
    const db = await open();
    await migrate(db, schema, courierMigrations);
    await db.transaction((tx) => bulkLoadCourier(tx, schema, { slots: slotsForArea('100', '2026-05-02', 1, 1) }));
  });
  afterAll(async () => dropPrefixedSchemas(await open(), `${prefix}_${name}`));

  it('loads shipments in several calls, counting their slot bookings', async () => {
    const db = await open();
    expect(await db.transaction((tx) => bulkLoadCourier(tx, schema, { shipments: [parcel(1, '100-2026-05-02-0900')] }))).toEqual({ locations: 0, slots: 0, shipments: 1, events: 0 });
    await db.transaction((tx) => bulkLoadCourier(tx, schema, { shipments: [parcel(2), parcel(3), parcel(4), parcel(5), parcel(6)] }));
    expect((await courier(db).getSlot('100-2026-05-02-0900'))?.booked).toBe(1);
  });

  it('refuses overbooking a slot in a load, loading nothing', async () => {
    const db = await open();
    await expect(db.transaction((tx) => bulkLoadCourier(tx, schema, { shipments: [parcel(7, '100-2026-05-02-0900')] }))).rejects.toThrow(
      'bulk load: 2 shipments booked in slot 100-2026-05-02-0900, which holds 1',
    );
    expect(await courier(db).getShipment('500000000007')).toBeUndefined();
  });

  it('gives the last place in a slot to exactly one of five racing parcels', async () => {
    const db = await open();
    const book = (n: number) =>
      db.transaction((tx) => courier(tx).bookSlot(String(500000000000 + n), '100-2026-05-02-1200', now)).then(
        () => 'booked',
        (error: unknown) => (isCommerceError(error) ? error.code : String(error)),
      );
    const outcomes = await Promise.all([2, 3, 4, 5, 6].map(book));
    expect(outcomes.filter((o) => o === 'booked')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'booked')).toEqual(Array(4).fill('FAILED_PRECONDITION'));
    expect((await courier(db).getSlot('100-2026-05-02-1200'))?.booked).toBe(1);
  });
});
