import { migrate, type Database } from '@agentic-commerce/kit';
import { slotsForArea } from '../domain/delivery-slots.ts';
import type { Address } from '../domain/types.ts';
import { bulkLoadCourier, type CourierBulkData } from '../store/bulk-load.ts';
import { courierMigrations } from '../store/migrations.ts';

/** "Now" for tests using the fixture: slots of 2026-05-02 before 10:00 have started. */
export const FIXTURE_NOW = new Date('2026-05-02T10:00:00Z');

const address = (address1: string, zip: string, city = 'New York'): Address => ({ address1, address2: '', city, state: 'NY', country: 'USA', zip });
export const ALICE_HOME = address('215 River Road', '10083');
const locker = address('1 Locker Lane', '10085');

const slots = slotsForArea('100', '2026-05-02', 3, 2).map((slot) => (slot.slotId === '100-2026-05-03-0900' ? { ...slot, capacity: 1 } : slot));

/**
 * A small carrier world in area 100 (New York): slots for 2026-05-02..04 (2 places each; 100-2026-05-03-0900 holds
 * one and is taken), a locker with one place (taken) and a pickup point, and four parcels:
 * 100000000001 alice in transit; 100000000002 bob in transit, booked in the full slot; 100000000003 carol in transit to
 * the locker; 100000000004 alice delivered.
 */
export const courierFixture: CourierBulkData = {
  locations: [
    { locationId: 'LK-100-1', kind: 'locker', name: 'River Road locker', address: locker, zipPrefix: '100', capacity: 1 },
    { locationId: 'PP-100-1', kind: 'pickup_point', name: 'Corner Deli', address: address('9 Deli Street', '10084'), zipPrefix: '100', capacity: 5 },
  ],
  slots,
  shipments: [
    {
      trackingId: '100000000001', orderId: '#W0000001', customerId: 'alice_1', serviceLevel: 'standard', status: 'in_transit',
      destination: { kind: 'address', locationId: null, address: ALICE_HOME }, itemIds: ['1000000001', '1000000002'], slotId: null,
      createdAt: '2026-04-30T08:00:00.000Z', deliveredAt: null,
      events: [
        { at: '2026-04-30T08:00:00.000Z', kind: 'label_created', location: 'Newark, NJ', note: null },
        { at: '2026-05-01T06:00:00.000Z', kind: 'in_transit', location: 'Newark, NJ', note: 'departed facility' },
      ],
    },
    {
      trackingId: '100000000002', orderId: '#W0000002', customerId: 'bob_2', serviceLevel: 'express', status: 'in_transit',
      destination: { kind: 'address', locationId: null, address: address('7 Elm Street', '10001') }, itemIds: ['1000000002'], slotId: '100-2026-05-03-0900',
      createdAt: '2026-04-30T08:00:00.000Z', deliveredAt: null,
      events: [{ at: '2026-05-01T06:00:00.000Z', kind: 'in_transit', location: 'Newark, NJ', note: null }],
    },
    {
      trackingId: '100000000003', orderId: '#W0000003', customerId: 'carol_3', serviceLevel: 'standard', status: 'in_transit',
      destination: { kind: 'locker', locationId: 'LK-100-1', address: locker }, itemIds: ['1000000001'], slotId: null,
      createdAt: '2026-04-30T08:00:00.000Z', deliveredAt: null,
      events: [{ at: '2026-05-01T06:00:00.000Z', kind: 'in_transit', location: 'Newark, NJ', note: null }],
    },
    {
      trackingId: '100000000004', orderId: '#W0000004', customerId: 'alice_1', serviceLevel: 'standard', status: 'delivered',
      destination: { kind: 'address', locationId: null, address: ALICE_HOME }, itemIds: ['1000000003'], slotId: null,
      createdAt: '2026-04-25T08:00:00.000Z', deliveredAt: '2026-04-28T14:00:00.000Z',
      events: [
        { at: '2026-04-26T06:00:00.000Z', kind: 'in_transit', location: 'Newark, NJ', note: null },
        { at: '2026-04-28T08:00:00.000Z', kind: 'out_for_delivery', location: 'New York, NY', note: null },
        { at: '2026-04-28T14:00:00.000Z', kind: 'delivered', location: 'New York, NY', note: 'left at front door' },
      ],
    },
  ],
};

/** Migrates `schema` and loads the fixture in one transaction. */
export async function seedCourierFixture(db: Database, schema: string): Promise<void> {
  await migrate(db, schema, courierMigrations);
  await db.transaction((tx) => bulkLoadCourier(tx, schema, courierFixture));
}
