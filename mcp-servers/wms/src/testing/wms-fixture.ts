import { migrate, type Database } from '@agentic-commerce/kit';
import { bulkLoadWms, type WmsBulkData } from '../store/bulk-load.ts';
import { wmsMigrations } from '../store/migrations.ts';

/** The time every fixture row is stamped with. */
export const FIXTURE_TIME = new Date('2026-05-01T09:00:00Z');

/**
 * A small warehouse world: two warehouses, three variants, one active reservation (alice, order #W0000001)
 * and two parcels. Tests assert against these numbers.
 */
export const wmsFixture: WmsBulkData = {
  warehouses: [
    { id: 'wh-east', name: 'Newark DC', region: 'east', zipPrefixes: ['0', '1'] },
    { id: 'wh-west', name: 'Reno DC', region: 'west', zipPrefixes: ['8', '9'] },
  ],
  stock: [
    { itemId: '1000000001', warehouseId: 'wh-east', onHand: 10 },
    { itemId: '1000000001', warehouseId: 'wh-west', onHand: 4 },
    { itemId: '1000000002', warehouseId: 'wh-west', onHand: 3 },
    { itemId: '1000000003', warehouseId: 'wh-east', onHand: 0 },
  ],
  thresholds: [{ itemId: '1000000001', threshold: 20 }],
  reservations: [
    {
      orderId: '#W0000001',
      customerId: 'alice_1',
      status: 'active',
      shipToZip: '10001',
      lines: [{ itemId: '1000000002', warehouseId: 'wh-west', quantity: 1 }],
      createdAt: '2026-04-30T12:00:00.000Z',
    },
  ],
  fulfillments: [
    { trackingId: '111111111111', orderId: '#W0000002', customerId: 'alice_1', warehouseId: 'wh-east', status: 'packed', itemIds: ['1000000001'], updatedAt: '2026-04-29T08:00:00.000Z' },
    { trackingId: '222222222222', orderId: '#W0000003', customerId: 'bob_2', warehouseId: 'wh-west', status: 'picking', itemIds: ['1000000002'], updatedAt: '2026-04-29T08:00:00.000Z' },
  ],
};

/** Migrates `schema` and loads the fixture in one transaction. */
export async function seedWmsFixture(db: Database, schema: string): Promise<void> {
  await migrate(db, schema, wmsMigrations);
  await db.transaction((tx) => bulkLoadWms(tx, schema, wmsFixture, FIXTURE_TIME));
}
