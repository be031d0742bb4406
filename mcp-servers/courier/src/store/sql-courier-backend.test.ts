import { dropPrefixedSchemas, testEngines, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_HOME, FIXTURE_NOW as now, seedCourierFixture } from '../testing/courier-fixture.ts';
import { sqlCourierBackend } from './sql-courier-backend.ts';

const prefix = uniquePrefix();

describe.each(testEngines())('courier SQL backend conformance: $name', ({ name, open }) => {
  const schema = `${prefix}_${name}_courier`;
  const courier = sqlCourierBackend(schema);
  beforeAll(async () => seedCourierFixture(await open(), schema));
  afterAll(async () => dropPrefixedSchemas(await open(), `${prefix}_${name}`));
  const write = async <T>(fn: (c: ReturnType<typeof courier>) => Promise<T>) => (await open()).transaction((tx) => fn(courier(tx)));

  it('loads shipments with their events, slot bookings and locker occupancy', async () => {
    const db = await open();
    expect(await courier(db).getShipment('100000000001')).toMatchObject({ status: 'in_transit', destination: { kind: 'address', locationId: null, address: ALICE_HOME } });
    expect((await courier(db).listEvents('100000000004')).map((e) => e.kind)).toEqual(['in_transit', 'out_for_delivery', 'delivered']);
    expect(await courier(db).getSlot('100-2026-05-03-0900')).toMatchObject({ capacity: 1, booked: 1, day: '2026-05-03' });
    expect((await courier(db).getLocation('LK-100-1'))?.inUse).toBe(1);
    expect(await courier(db).listSlots({ zipPrefix: '100', fromDay: '2026-05-03', toDay: '2026-05-03' })).toHaveLength(4);
  });

  it('books a slot idempotently and refuses a full one with alternatives, changing nothing', async () => {
    const booked = await write((c) => c.bookSlot('100000000001', '100-2026-05-03-1200', now));
    expect(booked).toMatchObject({ previousSlotId: null, shipment: { slotId: '100-2026-05-03-1200' } });
    expect(await write((c) => c.bookSlot('100000000001', '100-2026-05-03-1200', now))).toMatchObject({ previousSlotId: '100-2026-05-03-1200' });
    expect((await courier(await open()).getSlot('100-2026-05-03-1200'))?.booked).toBe(1);
    await expect(write((c) => c.bookSlot('100000000001', '100-2026-05-04-0900', now))).rejects.toThrow('use reschedule_delivery');
    await expect(write((c) => c.reschedule('100000000001', '100-2026-05-03-0900', now))).rejects.toThrow(
      'slot 100-2026-05-03-0900 is full (1/1 booked); available alternatives: 100-2026-05-02-1200 (2026-05-02 12:00-15:00, 2 left)',
    );
    await expect(write((c) => c.reschedule('100000000001', '100-2026-05-02-0900', now))).rejects.toThrow('not in the future');
    expect((await courier(await open()).getShipment('100000000001'))?.slotId).toBe('100-2026-05-03-1200');
  });

  it('reschedules, freeing the old slot, and releases with an expected slot check', async () => {
    const moved = await write((c) => c.reschedule('100000000001', '100-2026-05-04-1500', now));
    expect(moved).toMatchObject({ previousSlotId: '100-2026-05-03-1200', shipment: { slotId: '100-2026-05-04-1500' } });
    expect((await courier(await open()).getSlot('100-2026-05-03-1200'))?.booked).toBe(0);
    await expect(write((c) => c.releaseSlot('100000000001', now, '100-2026-05-03-1200'))).rejects.toThrow('is booked in slot 100-2026-05-04-1500, not 100-2026-05-03-1200');
    expect(await write((c) => c.releaseSlot('100000000001', now, '100-2026-05-04-1500'))).toMatchObject({ previousSlotId: '100-2026-05-04-1500', shipment: { slotId: null } });
    expect(await write((c) => c.releaseSlot('100000000001', now))).toMatchObject({ previousSlotId: null });
    const kinds = (await courier(await open()).listEvents('100000000001')).map((e) => e.kind);
    expect(kinds.slice(2)).toEqual(['delivery_scheduled', 'delivery_unscheduled', 'delivery_scheduled', 'delivery_unscheduled']);
  });

  it('reroutes to a pickup point (freeing the slot), refuses a full locker and a delivered parcel', async () => {
    await expect(write((c) => c.reroute('100000000002', { kind: 'locker', locationId: 'LK-100-1' }, now))).rejects.toThrow(
      'locker LK-100-1 (River Road locker) is full (1/1); places with room nearby: PP-100-1 (pickup point, Corner Deli)',
    );
    const rerouted = await write((c) => c.reroute('100000000002', { kind: 'pickup_point', locationId: 'PP-100-1' }, now));
    expect(rerouted).toMatchObject({ previousSlotId: '100-2026-05-03-0900', shipment: { slotId: null, destination: { kind: 'pickup_point', locationId: 'PP-100-1' } } });
    expect((await courier(await open()).getSlot('100-2026-05-03-0900'))?.booked).toBe(0);
    expect((await courier(await open()).getLocation('PP-100-1'))?.inUse).toBe(1);
    await expect(write((c) => c.bookSlot('100000000002', '100-2026-05-03-0900', now))).rejects.toThrow('reroute it to an address first');
    await expect(write((c) => c.reroute('100000000004', { kind: 'address', address: ALICE_HOME }, now))).rejects.toThrow("it is 'delivered'");
    await expect(write((c) => c.reroute('100000000003', { kind: 'pickup_point', locationId: 'LK-100-1' }, now))).rejects.toThrow('LK-100-1 is a locker, not a pickup point');
    const home = await write((c) => c.reroute('100000000003', { kind: 'address', address: ALICE_HOME }, now));
    expect(home.shipment.destination).toEqual({ kind: 'address', locationId: null, address: ALICE_HOME });
    expect((await courier(await open()).getLocation('LK-100-1'))?.inUse).toBe(0);
  });

  it('reroutes with a slot at the new address, or freeing the booked one, and answers where the parcel went before', async () => {
    const home = await write((c) => c.reroute('100000000003', { kind: 'address', address: ALICE_HOME }, now, '100-2026-05-04-1800'));
    expect(home).toMatchObject({ previousSlotId: null, previousDestination: { kind: 'address' }, shipment: { slotId: '100-2026-05-04-1800' } });
    await expect(write((c) => c.reroute('100000000003', { kind: 'locker', locationId: 'LK-100-1' }, now, '100-2026-05-04-0900'))).rejects.toThrow(
      'a delivery slot (100-2026-05-04-0900) needs an address destination; a locker has no delivery slots',
    );
    const freed = await write((c) => c.reroute('100000000003', { kind: 'address', address: ALICE_HOME }, now, null));
    expect(freed).toMatchObject({ previousSlotId: '100-2026-05-04-1800', shipment: { slotId: null } });
    expect((await courier(await open()).getSlot('100-2026-05-04-1800'))?.booked).toBe(0);
  });

  it('moves status by tracking events and refuses impossible scans', async () => {
    const out = await write((c) => c.recordEvent('100000000003', { kind: 'out_for_delivery', location: 'New York, NY' }, now));
    expect(out.status).toBe('out_for_delivery');
    await expect(write((c) => c.recordEvent('100000000003', { kind: 'returned' }, now))).rejects.toThrow("cannot become 'returned'");
    const delivered = await write((c) => c.recordEvent('100000000003', { kind: 'delivered' }, now));
    expect(delivered).toMatchObject({ status: 'delivered', deliveredAt: now.toISOString() });
  });

  it('schedules and cancels return pickups for delivered parcels only', async () => {
    await expect(write((c) => c.schedulePickup({ trackingId: '100000000001', day: '2026-05-04', window: 'morning' }, now))).rejects.toThrow("only 'delivered' shipments can be returned");
    await expect(write((c) => c.schedulePickup({ trackingId: '999', day: '2026-05-04', window: 'morning' }, now))).rejects.toThrow('no shipment with tracking id 999');
    const { pickup, created } = await write((c) => c.schedulePickup({ trackingId: '100000000004', day: '2026-05-04', window: 'morning' }, now));
    expect(created).toBe(true);
    expect(pickup).toMatchObject({ pickupId: 'PU00000001', status: 'scheduled', day: '2026-05-04', window: 'morning', address: ALICE_HOME, customerId: 'alice_1' });
    expect(await write((c) => c.schedulePickup({ trackingId: '100000000004', day: '2026-05-04', window: 'morning' }, now))).toEqual({ pickup, created: false });
    await expect(write((c) => c.schedulePickup({ trackingId: '100000000004', day: '2026-05-05', window: 'morning' }, now))).rejects.toThrow('cancel_pickup it first');
    const cancelled = await write((c) => c.cancelPickup('PU00000001', now));
    expect(cancelled.status).toBe('cancelled');
    expect(await write((c) => c.cancelPickup('PU00000001', now))).toEqual(cancelled);
    await expect(write((c) => c.cancelPickup('PU99', now))).rejects.toThrow('no return pickup PU99');
  });

  it('says which of two concurrent identical pickup requests created the pickup', async () => {
    const request = { trackingId: '100000000004', day: '2026-05-06', window: 'afternoon' } as const;
    const both = await Promise.all([write((c) => c.schedulePickup(request, now)), write((c) => c.schedulePickup(request, now))]);
    expect(both.map((r) => r.created).sort()).toEqual([false, true]);
    expect(both[0].pickup).toEqual(both[1].pickup);
    expect((await write((c) => c.cancelPickup(both[0].pickup.pickupId, now))).status).toBe('cancelled');
  });

  it('creates one return label per set of items, saying whether this call created it', async () => {
    const { label, created } = await write((c) => c.createReturnLabel('100000000004', ['1000000003'], now));
    expect(created).toBe(true);
    expect(label).toMatchObject({ labelId: 'RL00000001', itemIds: ['1000000003'], orderId: '#W0000004', carrierReference: expect.stringMatching(/^1ZR\d{12}$/), voidedAt: null });
    expect(await write((c) => c.createReturnLabel('100000000004', ['1000000003'], now))).toEqual({ label, created: false });
    await expect(write((c) => c.createReturnLabel('100000000004', ['1000000001'], now))).rejects.toThrow('item 1000000001 is not in shipment 100000000004');
  });

  it('voids a label once (voiding again changes nothing); the same items then get a new label', async () => {
    const voided = await write((c) => c.voidReturnLabel('RL00000001', now));
    expect(voided).toMatchObject({ labelId: 'RL00000001', itemIds: ['1000000003'], voidedAt: now.toISOString() });
    expect(await courier(await open()).getReturnLabel('RL00000001')).toEqual(voided);
    expect(await write((c) => c.voidReturnLabel('RL00000001', new Date('2026-05-03T10:00:00Z')))).toEqual(voided);
    await expect(write((c) => c.voidReturnLabel('RL99', now))).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'no return label RL99' });
    const renewed = await write((c) => c.createReturnLabel('100000000004', ['1000000003'], now));
    expect(renewed).toMatchObject({ created: true, label: { labelId: 'RL00000002', itemIds: ['1000000003'], voidedAt: null } });
    expect(renewed.label.carrierReference).not.toBe(voided.carrierReference);
    expect(await write((c) => c.createReturnLabel('100000000004', ['1000000003'], now))).toEqual({ label: renewed.label, created: false });
  });

  it('refuses to void a label once the return pickup collected the parcel, changing nothing', async () => {
    const db = await open();
    const { pickup } = await write((c) => c.schedulePickup({ trackingId: '100000000004', day: '2026-05-07', window: 'morning' }, now));
    await db.query(`UPDATE ${schema}.return_pickups SET status = 'completed' WHERE id = $1`, [pickup.pickupId]); // the courier collected it
    await expect(write((c) => c.voidReturnLabel('RL00000002', now))).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: `return label RL00000002 cannot be voided: the parcel 100000000004 was collected (return pickup ${pickup.pickupId} is 'completed')`,
    });
    expect((await courier(db).getReturnLabel('RL00000002'))?.voidedAt).toBeNull();
    await db.query(`UPDATE ${schema}.return_pickups SET status = 'cancelled' WHERE id = $1`, [pickup.pickupId]);
  });

  it('reuses a shipment read locked in the same transaction for one change, then reads it again for the next', async () => {
    let shipmentLocks = 0;
    const result = await (await open()).transaction(async (tx) => {
      const counted = { ...tx, query: <T>(sql: string, params?: readonly unknown[]) => ((shipmentLocks += Number(/shipments WHERE tracking_id = \$1 FOR UPDATE/.test(sql))), tx.query<T>(sql, params)) };
      const c = courier(counted);
      const read = await c.getShipment('100000000001', { lock: true });
      const booked = await c.bookSlot('100000000001', '100-2026-05-04-0900', now);
      // The second change must see the first one's booking (not the row read before it) to free that slot.
      const released = await c.releaseSlot('100000000001', now, '100-2026-05-04-0900');
      return { read, booked, released };
    });
    expect(result.read).toMatchObject({ trackingId: '100000000001', slotId: null });
    expect(result.booked).toMatchObject({ previousSlotId: null, shipment: { slotId: '100-2026-05-04-0900' } });
    expect(result.released).toMatchObject({ previousSlotId: '100-2026-05-04-0900', shipment: { slotId: null } });
    expect((await courier(await open()).getSlot('100-2026-05-04-0900'))?.booked).toBe(0);
    expect(shipmentLocks).toBe(2); // the read, and the second change's own read; the first change used the read
  });
});
