import { CommerceError, createActionRuntime, generateSigner, loadPolicy, runSaga, toolErrorOf, toolStep, type KitRuntime, type Principal } from '@agentic-commerce/kit';
import { connectAs } from '@agentic-commerce/kit/testing/connect-as';
import { dropPrefixedSchemas, sharedPglite, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWmsServer, wmsTools } from './server.ts';
import { sqlWmsBackend } from './store/sql-wms-backend.ts';
import { seedWmsFixture } from './testing/wms-fixture.ts';

const prefix = uniquePrefix();
const schema = `${prefix}_wms`;
const service: Principal = { kind: 'service', id: 'svc:oms', scopes: ['wms:*'] };
const customer = (id: string): Principal => ({ kind: 'customer', id: `c:${id}`, customerId: id, scopes: ['wms:read', 'wms:write'] });

let runtime: KitRuntime | undefined;

/** One action runtime (the shipped policy, a throwaway signing key, its own kit schema) shared by the file's clients. */
async function connect(principal: Principal): Promise<Client> {
  runtime ??= createActionRuntime({ db: await sharedPglite(), schema: `${prefix}_kit`, policy: loadPolicy(), signer: generateSigner(), now: () => new Date('2026-05-02T10:00:00Z') });
  return connectAs(createWmsServer({ runtime, backend: sqlWmsBackend(schema) }), principal);
}

type Result = Awaited<ReturnType<Client['callTool']>>;
const errorOf = (r: Result) => toolErrorOf(r as Parameters<typeof toolErrorOf>[0])!;
const stockOf = async (itemId: string) => sqlWmsBackend(schema)(await sharedPglite()).getStock(itemId);

describe('WMS MCP server', () => {
  beforeAll(async () => seedWmsFixture(await sharedPglite(), schema));
  afterAll(async () => dropPrefixedSchemas(await sharedPglite(), prefix));

  it('lists its five tools with annotations, writes keyed for idempotency', async () => {
    const { tools } = await (await connect(service)).listTools();
    expect(tools.map((t) => t.name)).toEqual(wmsTools.map((t) => t.name));
    expect(tools.map((t) => t.name)).toEqual(['get_stock', 'reserve_stock', 'release_reservation', 'list_low_stock', 'get_fulfillment_status']);
    const reserve = tools.find((t) => t.name === 'reserve_stock');
    expect(reserve?.annotations).toMatchObject({ readOnlyHint: false, idempotentHint: true });
    expect(Object.keys(reserve?.inputSchema.properties ?? {})).toContain('idempotency_key');
    expect(tools.find((t) => t.name === 'get_stock')?.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('answers stock per warehouse, and an unknown variant with a clear NOT_FOUND', async () => {
    const client = await connect(customer('alice_1'));
    const found = await client.callTool({ name: 'get_stock', arguments: { item_id: '1000000001' } });
    expect(found.structuredContent).toEqual({
      item_id: '1000000001',
      available_total: 14,
      in_stock: true,
      warehouses: [
        { warehouse_id: 'wh-east', on_hand: 10, reserved: 0, available: 10 },
        { warehouse_id: 'wh-west', on_hand: 4, reserved: 0, available: 4 },
      ],
    });
    const missing = await client.callTool({ name: 'get_stock', arguments: { item_id: '999' } });
    expect(errorOf(missing)).toEqual({ code: 'NOT_FOUND', message: expect.stringContaining('no stock record for item 999') });
    const nowhere = await client.callTool({ name: 'list_low_stock', arguments: { warehouse_id: 'wh-north' } });
    expect(errorOf(nowhere)).toEqual({ code: 'NOT_FOUND', message: 'no warehouse wh-north; warehouses are wh-east, wh-west' });
  });

  it('reserves for a back-office caller and releases again', async () => {
    const client = await connect(service);
    const reserved = await client.callTool({
      name: 'reserve_stock',
      arguments: { order_id: '#W2000001', customer_id: 'alice_1', lines: [{ item_id: '1000000001', quantity: 2 }], ship_to_zip: '94107' },
    });
    expect(reserved.structuredContent).toMatchObject({
      reservation_id: 'rsv_W2000001',
      status: 'active',
      split: false,
      lines: [{ item_id: '1000000001', warehouse_id: 'wh-west', quantity: 2 }],
    });
    expect((await stockOf('1000000001'))[1]).toMatchObject({ warehouseId: 'wh-west', reserved: 2 });
    const released = await client.callTool({ name: 'release_reservation', arguments: { order_id: '#W2000001' } });
    expect(released.structuredContent).toMatchObject({ status: 'released' });
    expect((await stockOf('1000000001'))[1]).toMatchObject({ reserved: 0 });
  });

  it('refuses bad input and shortages, changing nothing', async () => {
    const client = await connect(service);
    const before = await stockOf('1000000002');
    const badQuantity = await client.callTool({
      name: 'reserve_stock',
      arguments: { order_id: '#W2000002', customer_id: 'bob_2', lines: [{ item_id: '1000000002', quantity: 0 }] },
    });
    expect(badQuantity.isError).toBe(true);
    expect(JSON.stringify(badQuantity.content)).toMatch(/quantity/);
    const badOrder = await client.callTool({ name: 'reserve_stock', arguments: { order_id: 'W2', customer_id: 'bob_2', lines: [{ item_id: '1000000002', quantity: 1 }] } });
    expect(JSON.stringify(badOrder.content)).toMatch(/#W1234567/);
    const short = await client.callTool({
      name: 'reserve_stock',
      arguments: { order_id: '#W2000002', customer_id: 'bob_2', lines: [{ item_id: '1000000002', quantity: 3 }] },
    });
    expect(errorOf(short)).toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('item 1000000002: requested 3, available 2') });
    expect(await stockOf('1000000002')).toEqual(before);
    const none = await client.callTool({ name: 'release_reservation', arguments: { order_id: '#W2000002' } });
    expect(errorOf(none)).toEqual({ code: 'NOT_FOUND', message: 'no reservation for order #W2000002' });
  });

  it("answers another customer's parcel and reservation exactly like missing ones, changing nothing", async () => {
    const bob = await connect(customer('bob_2'));
    const theirs = await bob.callTool({ name: 'get_fulfillment_status', arguments: { tracking_id: '111111111111' } });
    const missing = await bob.callTool({ name: 'get_fulfillment_status', arguments: { tracking_id: '999999999999' } });
    expect(errorOf(theirs).code).toBe('NOT_FOUND');
    expect(JSON.stringify(theirs.content).replace('111111111111', 'X')).toBe(JSON.stringify(missing.content).replace('999999999999', 'X'));
    const own = await bob.callTool({ name: 'get_fulfillment_status', arguments: { tracking_id: '222222222222' } });
    expect(own.structuredContent).toMatchObject({ order_id: '#W0000003', status: 'picking', warehouse_id: 'wh-west' });

    // Reservations are keyed by OMS order ids this server cannot tie to a customer: a customer may not call them at
    // all, whichever order it names, so the answer says nothing of whose reservations exist.
    const backOffice = { code: 'FORBIDDEN', message: expect.stringContaining('a customer principal may not call it') };
    const release = await bob.callTool({ name: 'release_reservation', arguments: { order_id: '#W0000001' } });
    const releaseMissing = await bob.callTool({ name: 'release_reservation', arguments: { order_id: '#W0000404' } });
    expect(errorOf(release)).toEqual(backOffice);
    expect(JSON.stringify(release.content)).toBe(JSON.stringify(releaseMissing.content).replace('#W0000404', '#W0000001'));
    const forAlice = await bob.callTool({ name: 'reserve_stock', arguments: { order_id: '#W2000003', customer_id: 'alice_1', lines: [{ item_id: '1000000001', quantity: 1 }] } });
    const forSelf = await bob.callTool({ name: 'reserve_stock', arguments: { order_id: '#W2000004', customer_id: 'bob_2', lines: [{ item_id: '1000000001', quantity: 1 }] } });
    expect(errorOf(forAlice)).toEqual(backOffice);
    expect(errorOf(forSelf)).toEqual(backOffice);
    const reservations = sqlWmsBackend(schema)(await sharedPglite());
    expect((await reservations.getReservation('#W0000001'))?.status).toBe('active');
    expect(await reservations.getReservation('#W2000003')).toBeUndefined();
    expect(await reservations.getReservation('#W2000004')).toBeUndefined();
  });

  it('lists low stock, lowest availability first', async () => {
    const client = await connect(service);
    const low = await client.callTool({ name: 'list_low_stock', arguments: { threshold: 2 } });
    expect(low.structuredContent).toEqual({
      items: [
        { item_id: '1000000003', available: 0, on_hand: 0, reserved: 0, threshold: 2, threshold_source: 'default' },
        { item_id: '1000000002', available: 2, on_hand: 3, reserved: 1, threshold: 2, threshold_source: 'default' },
        { item_id: '1000000001', available: 14, on_hand: 14, reserved: 0, threshold: 20, threshold_source: 'variant' },
      ],
    });
  });

  it("undoes in a saga only the hold its reserve_stock made: an order's units already held stay held", async () => {
    const client = await connect(service);
    const lines = [{ item_id: '1000000001', quantity: 1 }];
    const held = await client.callTool({ name: 'reserve_stock', arguments: { order_id: '#W2000009', customer_id: 'alice_1', lines } });
    expect(held.structuredContent).toMatchObject({ status: 'active', created: true });
    const declined = { name: 'charge', run: async () => { throw new CommerceError('FAILED_PRECONDITION', 'the card was declined'); } };
    const reserveIn = (orderId: string, key: string) => runSaga([
      toolStep({ runtime: runtime!, system: 'wms', tools: wmsTools, backend: sqlWmsBackend(schema), principal: service, tool: 'reserve_stock', input: { order_id: orderId, customer_id: 'alice_1', lines } }),
      declined,
    ], { name: 'test.reserve', key, runtime: runtime! });
    const status = async (orderId: string) => (await sqlWmsBackend(schema)(await sharedPglite()).getReservation(orderId))?.status;

    await expect(reserveIn('#W2000009', 'wms-saga-1')).rejects.toMatchObject({ details: { saga: { compensations: [{ step: 'reserve_stock', outcome: 'skipped' }] } } });
    expect(await status('#W2000009')).toBe('active');
    await expect(reserveIn('#W2000010', 'wms-saga-2')).rejects.toMatchObject({ details: { saga: { compensations: [{ step: 'reserve_stock', outcome: 'ok' }] } } });
    expect(await status('#W2000010')).toBe('released');

    await client.callTool({ name: 'release_reservation', arguments: { order_id: '#W2000009' } });
    expect((await stockOf('1000000001'))[1]).toMatchObject({ reserved: 0 });
  });
});
