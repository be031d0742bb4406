import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@agentic-commerce/kit';
import { dropPrefixedSchemas, sharedPglite, uniquePrefix } from '../../../kit/src/testing/test-database.ts';
import { checkWorldInvariants } from '../invariants/world-invariants.ts';
import { createReferenceWorld, type ReferenceWorld } from '../reference-world.ts';

const prefix = uniquePrefix();
const asOf = new Date('2026-06-01T00:00:00.000Z');
const at = new Date(asOf.getTime() + 3_600_000);
const service = { kind: 'service' as const, id: 'svc:availability-test', scopes: ['*'] };

describe('catalog availability follows WMS free stock', () => {
  let db: Database;
  let world: ReferenceWorld;
  beforeAll(async () => {
    db = await sharedPglite();
    world = await createReferenceWorld({ db, prefix, source: { kind: 'synthetic', seed: 5, customers: 30, orders: 120, products: 12, warehouses: 2, days: 20 }, asOf, runtime: { defaultPrincipal: service, now: () => at } });
  }, 180_000);
  afterAll(async () => dropPrefixedSchemas(await sharedPglite(), prefix));

  const wms = () => world.backends.wms(db);
  const available = async (itemId: string) => (await db.query<{ available: boolean }>(`SELECT available FROM ${world.schemas.oms}.variants WHERE item_id = $1`, [itemId]))[0]?.available;
  const invariantHolds = async () => {
    const report = (await checkWorldInvariants(db, world.schemas)).find((r) => r.name.startsWith('a variant is available in the catalog'));
    expect(report?.violations).toEqual([]);
  };
  /** Takes every free unit of a variant out of stock (shrinkage), warehouse by warehouse. */
  const drain = async (itemId: string) => {
    for (const level of await wms().getStock(itemId)) {
      const free = level.onHand - level.reserved;
      if (free > 0) await wms().adjust({ itemId, warehouseId: level.warehouseId, delta: -free, reason: 'adjustment' }, at);
    }
  };

  it('a stock adjustment that takes the last free unit makes the variant unavailable, a receipt makes it available again', async () => {
    const [variant] = await db.query<{ item_id: string }>(`SELECT item_id FROM ${world.schemas.oms}.variants WHERE available ORDER BY item_id LIMIT 1`);
    await drain(variant!.item_id);
    expect(await available(variant!.item_id)).toBe(false);
    await invariantHolds();
    const [level] = await wms().getStock(variant!.item_id);
    await wms().adjust({ itemId: variant!.item_id, warehouseId: level!.warehouseId, delta: 3, reason: 'receipt' }, at);
    expect(await available(variant!.item_id)).toBe(true);
    await invariantHolds();
  });

  it('cancelling an imported pending order through the OMS gives its last units back to the catalog', async () => {
    const [held] = await db.query<{ order_id: string; item_id: string }>(
      `SELECT r.order_id, l->>'itemId' AS item_id FROM ${world.schemas.wms}.reservations r, jsonb_array_elements(r.lines) l
        WHERE r.status = 'active' ORDER BY r.order_id LIMIT 1`,
    );
    await drain(held!.item_id);
    expect(await available(held!.item_id)).toBe(false);

    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await world.servers.oms().connect(serverSide);
    const client = new Client({ name: 'availability-test', version: '1.0.0' });
    await client.connect(clientSide);
    const result = await client.callTool({ name: 'cancel_pending_order', arguments: { order_id: held!.order_id, reason: 'no longer needed', idempotency_key: 'cancel-availability-test' } });
    await client.close();
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(await available(held!.item_id)).toBe(true);
    await invariantHolds();
  });
});
