import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefixedSchemas, sharedPglite, uniquePrefix } from '../../kit/src/testing/test-database.ts';
import { createReferenceWorld, type ReferenceWorld } from './reference-world.ts';

const prefix = uniquePrefix();
const asOf = new Date('2026-06-01T00:00:00.000Z');
const service = { kind: 'service' as const, id: 'svc:world-test', scopes: ['*'] };
const source = { kind: 'synthetic' as const, seed: 11, customers: 40, orders: 160, products: 15, warehouses: 2, days: 20 };

async function connect(server: McpServer): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'world-test', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Record<string, any>;
}

describe('createReferenceWorld', () => {
  let world: ReferenceWorld;
  let oms: Client, wms: Client, courier: Client, pricing: Client;

  beforeAll(async () => {
    const db = await sharedPglite();
    world = await createReferenceWorld({ db, prefix, source, asOf, runtime: { defaultPrincipal: service, now: () => new Date(asOf.getTime() + 3_600_000) } });
    oms = await connect(world.servers.oms());
    wms = await connect(world.servers.wms());
    courier = await connect(world.servers.courier());
    pricing = await connect(world.servers.pricing());
  }, 180_000);
  afterAll(async () => dropPrefixedSchemas(await sharedPglite(), prefix));

  it('serves the loaded world from all four systems', async () => {
    expect(world.counts).toMatchObject({ customers: 40, orders: 160, warehouses: 2 });
    const snapshot = await world.snapshot();
    const delivered = Object.values(snapshot.oms.orders).find((o) => o.status === 'delivered')!;
    const trackingId = delivered.fulfillments[0]!.tracking_id[0]!;
    const tracked = await call(courier, 'track_shipment', { tracking_id: trackingId });
    expect(tracked).toMatchObject({ order_id: delivered.order_id, status: 'delivered' });
    expect(tracked.delivered_at <= asOf.toISOString()).toBe(true);
    const item = delivered.items[0]!;
    expect(await call(pricing, 'get_variant_price', { item_id: item.item_id })).toMatchObject({ price: item.price });
    const details = await call(oms, 'get_order_details', { order_id: delivered.order_id });
    expect(details.status).toBe('delivered');
  });

  it('places an order from a quote through the OMS, reserving WMS stock in the same transaction, and releases it on cancel', async () => {
    const snapshot = await world.snapshot();
    const [userId, user] = Object.entries(snapshot.oms.users).find(([, u]) => Object.values(u.payment_methods).some((m) => m.source !== 'gift_card'))!;
    const card = Object.values(user.payment_methods).find((m) => m.source !== 'gift_card')!;
    const variant = Object.values(snapshot.oms.products).flatMap((p) => Object.values(p.variants)).find((v) => v.available)!;
    const before = await call(wms, 'get_stock', { item_id: variant.item_id });

    const quote = await call(pricing, 'quote_cart', { customer_id: userId, lines: [{ item_id: variant.item_id, quantity: 1 }], shipping_address: user.address });
    const order = await call(oms, 'create_order', { quote_id: quote.quote_id, payment_method_id: card.id, user_id: userId, idempotency_key: 'world-test-create-1' });
    expect(order.status).toBe('pending');
    const reserved = await call(wms, 'get_stock', { item_id: variant.item_id });
    expect(reserved.available_total).toBe(before.available_total - 1);

    await call(oms, 'cancel_pending_order', { order_id: order.order_id, reason: 'ordered by mistake', idempotency_key: 'world-test-cancel-1' });
    expect((await call(wms, 'get_stock', { item_id: variant.item_id })).available_total).toBe(before.available_total);
    const after = await world.snapshot();
    expect(after.oms.orders[order.order_id]!.status).toBe('cancelled');
    expect(after.wms.reservations).toContainEqual(expect.objectContaining({ order_id: order.order_id, status: 'released' }));
  });

  it("records a coupon used by create_order in pricing with the discount the order's quote gave", async () => {
    const snapshot = await world.snapshot();
    const [userId, user] = Object.entries(snapshot.oms.users).find(([, u]) => Object.values(u.payment_methods).some((m) => m.source !== 'gift_card'))!;
    const card = Object.values(user.payment_methods).find((m) => m.source !== 'gift_card')!;
    const variant = Object.values(snapshot.oms.products).flatMap((p) => Object.values(p.variants)).find((v) => v.available)!;
    const quote = await call(pricing, 'quote_cart', { customer_id: userId, lines: [{ item_id: variant.item_id, quantity: 2 }], shipping_address: user.address, coupon_code: 'welcome10' });
    const couponDiscount = quote.order_adjustments.find((a: { source: string }) => a.source === 'coupon').amount;
    expect(couponDiscount).toBeGreaterThan(0);
    const order = await call(oms, 'create_order', { quote_id: quote.quote_id, payment_method_id: card.id, user_id: userId, idempotency_key: 'world-test-create-coupon' });
    const redemptions = (await world.snapshot()).pricing.coupon_redemptions!;
    expect(redemptions).toContainEqual(expect.objectContaining({ order_id: order.order_id, code: 'WELCOME10', quote_id: quote.quote_id, discount: couponDiscount, released_at: null }));
  });

  it('refuses to modify a pending order to items the warehouses cannot cover, leaving its order and reservation as they were', async () => {
    const db = await sharedPglite();
    const snapshot = await world.snapshot();
    const products = Object.values(snapshot.oms.products);
    const swap = Object.values(snapshot.oms.orders)
      .filter((o) => o.status === 'pending')
      .flatMap((o) => o.items.map((item) => ({ order: o, item, other: Object.values(products.find((p) => p.product_id === item.product_id)!.variants).find((v) => v.available && v.item_id !== item.item_id) })))
      .find((x) => x.other !== undefined)!;
    const payment = Object.values(snapshot.oms.users[swap.order.user_id]!.payment_methods).find((m) => m.source !== 'gift_card')!;
    await db.query(`UPDATE ${world.schemas.wms}.stock SET on_hand = reserved WHERE item_id = $1`, [swap.other!.item_id]);
    const before = await world.snapshot();
    const refused = await oms.callTool({
      name: 'modify_pending_order_items',
      arguments: { order_id: swap.order.order_id, item_ids: [swap.item.item_id], new_item_ids: [swap.other!.item_id], payment_method_id: payment.id, idempotency_key: 'world-test-modify-refused' },
    });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(/FAILED_PRECONDITION/);
    const after = await world.snapshot();
    expect(after.oms).toEqual(before.oms);
    expect(after.wms.reservations).toEqual(before.wms.reservations);
    expect(after.wms.stock).toEqual(before.wms.stock);
  });

  it('refuses to load a second world into schemas that hold one, and serves them as they are', async () => {
    const db = await sharedPglite();
    await expect(createReferenceWorld({ db, prefix, source, asOf })).rejects.toThrow(/already holds a world: use another prefix/);
    const existing = await createReferenceWorld({ db, prefix, source: { kind: 'existing' }, asOf, runtime: { defaultPrincipal: service } });
    expect(existing.counts).toBeUndefined();
    expect(Object.keys((await existing.snapshot()).oms.users)).toHaveLength(40);
  });

  it('copies a loaded world into fresh schemas, equal in every system and independent of the original', async () => {
    const db = await sharedPglite();
    const copy = await createReferenceWorld({ db, prefix: `${prefix}_copy`, source: { kind: 'copy', fromPrefix: prefix }, asOf, runtime: { defaultPrincipal: service } });
    const original = await world.snapshot();
    expect(await copy.snapshot()).toEqual(original);
    const pending = Object.values(original.oms.orders).find((o) => o.status === 'pending')!;
    const copyOms = await connect(copy.servers.oms());
    await call(copyOms, 'cancel_pending_order', { order_id: pending.order_id, reason: 'no longer needed', idempotency_key: 'world-test-copy-cancel' });
    expect((await copy.snapshot()).oms.orders[pending.order_id]!.status).toBe('cancelled');
    expect((await world.snapshot()).oms.orders[pending.order_id]!.status).toBe('pending');
    await expect(createReferenceWorld({ db, prefix, source: { kind: 'copy', fromPrefix: prefix } })).rejects.toThrow(/cannot be copied onto itself/);
  });
});
