import { readTauBenchData } from '@agentic-commerce/oms';
import { afterAll, describe, expect, it } from 'vitest';
import { dropPrefixedSchemas, testEngines, uniquePrefix } from '../../../kit/src/testing/test-database.ts';
import { generateWorld } from '../generator/generate-world.ts';
import { loadWorld } from '../load/load-world.ts';
import { migrateWorld } from '../migrate-world.ts';
import { tauBenchWorld } from '../tau-bench/tau-bench-world.ts';
import { changePendingOrders } from '../testing/change-pending-orders.ts';
import type { WorldContent } from '../world-content.ts';
import { worldSchemas } from '../world-schemas.ts';
import { checkWorldInvariants } from './world-invariants.ts';

const prefix = uniquePrefix();
const asOf = new Date('2026-06-01T00:00:00.000Z');
const worlds: [string, () => Promise<WorldContent>][] = [
  ['τ-bench import', async () => tauBenchWorld(await readTauBenchData(), { asOf })],
  ['generated world', async () => generateWorld({ seed: 7, customers: 80, orders: 400, products: 25, warehouses: 3, days: 30, asOf })],
];

describe.each(testEngines())('world invariants on $name', ({ open }) => {
  afterAll(async () => dropPrefixedSchemas(await open(), prefix));

  it.each(worlds)('hold across the four systems after loading the %s', async (label, content) => {
    const db = await open();
    const schemas = worldSchemas(`${prefix}_${label.startsWith('τ') ? 'tau' : 'gen'}`);
    await migrateWorld(db, schemas);
    const world = await content();
    const counts = await loadWorld(db, schemas, world, { batchSize: 150 });
    expect(counts.orders).toBe(world.orderCount);
    expect(counts.loyaltyAccounts).toBe(world.customers.length);
    const broken = (await checkWorldInvariants(db, schemas)).filter((r) => r.violations.length > 0);
    expect(broken).toEqual([]);

    // Cancelling and modifying loaded pending orders through the OMS gives back / moves their WMS reservations.
    const reservedUnits = async () => (await db.query<{ units: number }>(`SELECT coalesce(sum(reserved), 0)::int AS units FROM ${schemas.wms}.stock`))[0]!.units;
    const reservedBefore = await reservedUnits();
    const { cancelled, modified } = await changePendingOrders(db, `${prefix}_${label.startsWith('τ') ? 'tau' : 'gen'}`, asOf);
    expect(await reservedUnits()).toBe(reservedBefore - cancelled.items.length);
    const reservation = async (orderId: string) =>
      (await db.query<{ status: string; lines: { itemId: string; quantity: number }[] }>(`SELECT status, lines FROM ${schemas.wms}.reservations WHERE order_id = $1`, [orderId]))[0];
    expect(await reservation(cancelled.order_id)).toMatchObject({ status: 'released' });
    const moved = await reservation(modified.before.order_id);
    expect(moved?.status).toBe('active');
    expect(moved?.lines.map((l) => l.itemId)).toContain(modified.newItemId);
    expect(modified.after.items.map((i) => i.item_id)).toContain(modified.newItemId);
    expect((await checkWorldInvariants(db, schemas)).filter((r) => r.violations.length > 0)).toEqual([]);

    // A parcel the carrier lost track of, and stock sold under a pending order, are both reported.
    const [parcel] = await db.query<{ tracking_id: string }>(`SELECT tracking_id FROM ${schemas.courier}.shipments ORDER BY tracking_id LIMIT 1`);
    await db.query(`DELETE FROM ${schemas.courier}.tracking_events WHERE tracking_id = $1`, [parcel!.tracking_id]);
    await db.query(`DELETE FROM ${schemas.courier}.shipments WHERE tracking_id = $1`, [parcel!.tracking_id]);
    await db.query(`UPDATE ${schemas.wms}.stock SET on_hand = reserved WHERE reserved > 0 AND on_hand > reserved`);
    const reports = await checkWorldInvariants(db, schemas);
    const failing = reports.filter((r) => r.violations.length > 0).map((r) => r.name);
    expect(failing).toContain('every OMS tracking id has a courier shipment for the same order');
    expect(reports.find((r) => r.name.startsWith('every OMS tracking id'))!.violations).toContainEqual(expect.objectContaining({ tracking_id: parcel!.tracking_id }));
    expect(failing).toContain('a variant is available in the catalog exactly when some warehouse has unreserved stock');
  }, 180_000);
});
