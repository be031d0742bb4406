import { CommerceError, createActionRuntime, generateSigner, loadPolicy, runSaga, sqlBindingStore, toolErrorOf, toolStep, type KitRuntime, type Principal } from '@agentic-commerce/kit';
import { connectAs } from '@agentic-commerce/kit/testing/connect-as';
import { dropPrefixedSchemas, sharedPglite, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courierTools, createCourierServer } from './server.ts';
import { sqlCourierBackend } from './store/sql-courier-backend.ts';
import { FIXTURE_NOW, seedCourierFixture } from './testing/courier-fixture.ts';

const prefix = uniquePrefix();
const schema = `${prefix}_courier`;
const service: Principal = { kind: 'service', id: 'svc:desk', scopes: ['courier:*'] };
const customer = (id: string): Principal => ({ kind: 'customer', id: `c:${id}`, customerId: id, scopes: ['courier:read', 'courier:write'] });

let runtime: KitRuntime | undefined;

/** One action runtime (the shipped policy, a throwaway signing key, its own kit schema) shared by the file's clients. */
async function connect(principal: Principal): Promise<Client> {
  runtime ??= createActionRuntime({ db: await sharedPglite(), schema: `${prefix}_kit`, policy: loadPolicy(), signer: generateSigner(), now: () => FIXTURE_NOW });
  return connectAs(createCourierServer({ runtime, backend: sqlCourierBackend(schema) }), principal);
}

type Result = Awaited<ReturnType<Client['callTool']>>;
const errorOf = (r: Result) => toolErrorOf(r as Parameters<typeof toolErrorOf>[0])!;
const backend = async () => sqlCourierBackend(schema)(await sharedPglite());

describe('courier MCP server', () => {
  beforeAll(async () => seedCourierFixture(await sharedPglite(), schema));
  afterAll(async () => dropPrefixedSchemas(await sharedPglite(), prefix));

  it('lists its eleven tools; writes are keyed for idempotency', async () => {
    const { tools } = await (await connect(customer('alice_1'))).listTools();
    expect(tools.map((t) => t.name)).toEqual(courierTools.map((t) => t.name));
    expect(tools).toHaveLength(11);
    const book = tools.find((t) => t.name === 'book_delivery_slot');
    expect(Object.keys(book?.inputSchema.properties ?? {})).toContain('idempotency_key');
    expect(tools.find((t) => t.name === 'reroute_shipment')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(tools.find((t) => t.name === 'track_shipment')?.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('tracks a parcel with its events', async () => {
    const tracked = await (await connect(customer('alice_1'))).callTool({ name: 'track_shipment', arguments: { tracking_id: '100000000004' } });
    expect(tracked.structuredContent).toMatchObject({
      order_id: '#W0000004',
      status: 'delivered',
      delivered_at: '2026-04-28T14:00:00.000Z',
      delivery_slot: null,
      destination: { kind: 'address', location_id: null, address: { zip: '10083' } },
    });
    expect((tracked.structuredContent as { events: { kind: string }[] }).events.map((e) => e.kind)).toEqual(['in_transit', 'out_for_delivery', 'delivered']);
  });

  it("lists the pickup points and lockers of a parcel's area with places left, and refuses bad input", async () => {
    const alice = await connect(customer('alice_1'));
    const listed = await alice.callTool({ name: 'list_pickup_locations', arguments: { tracking_id: '100000000001' } });
    expect(listed.structuredContent).toMatchObject({
      zip_prefix: '100',
      locations: [
        { location_id: 'LK-100-1', kind: 'locker', remaining: 0, full: true },
        { location_id: 'PP-100-1', kind: 'pickup_point', name: 'Corner Deli', remaining: 5, full: false, address: { zip: '10084' } },
      ],
    });
    const lockers = await alice.callTool({ name: 'list_pickup_locations', arguments: { zip: '10099', kind: 'locker' } });
    expect((lockers.structuredContent as { locations: { location_id: string }[] }).locations.map((l) => l.location_id)).toEqual(['LK-100-1']);
    const both = await alice.callTool({ name: 'list_pickup_locations', arguments: { tracking_id: '100000000001', zip: '10001' } });
    expect(errorOf(both)).toEqual({ code: 'INVALID_ARGUMENT', message: 'give exactly one of tracking_id or zip' });
    const theirs = await (await connect(customer('bob_2'))).callTool({ name: 'list_pickup_locations', arguments: { tracking_id: '100000000001' } });
    expect(errorOf(theirs)).toEqual({ code: 'NOT_FOUND', message: 'no shipment with tracking id 100000000001' });
  });

  it("answers another customer's parcel and pickup exactly like missing ones, changing nothing", async () => {
    const bob = await connect(customer('bob_2'));
    const theirs = await bob.callTool({ name: 'track_shipment', arguments: { tracking_id: '100000000001' } });
    const missing = await bob.callTool({ name: 'track_shipment', arguments: { tracking_id: '100000000999' } });
    expect(errorOf(theirs).code).toBe('NOT_FOUND');
    expect(JSON.stringify(theirs.content).replace('100000000001', 'X')).toBe(JSON.stringify(missing.content).replace('100000000999', 'X'));
    const book = await bob.callTool({ name: 'book_delivery_slot', arguments: { tracking_id: '100000000001', slot_id: '100-2026-05-04-0900' } });
    expect(errorOf(book)).toEqual({ code: 'NOT_FOUND', message: 'no shipment with tracking id 100000000001' });
    const slots = await bob.callTool({ name: 'list_delivery_slots', arguments: { tracking_id: '100000000001' } });
    expect(errorOf(slots).code).toBe('NOT_FOUND');
    expect((await (await backend()).getShipment('100000000001'))?.slotId).toBeNull();
    expect((await (await backend()).getSlot('100-2026-05-04-0900'))?.booked).toBe(0);
  });

  it('lets a support agent see a parcel only after its conversation is bound to the owner', async () => {
    const agent: Principal = { kind: 'agent', id: 'agent:support', conversationId: 'conv-courier-1', scopes: ['courier:read', 'courier:write'] };
    const client = await connect(agent);
    const before = await client.callTool({ name: 'track_shipment', arguments: { tracking_id: '100000000004' } });
    expect(errorOf(before)).toEqual({ code: 'NOT_FOUND', message: 'no shipment with tracking id 100000000004' });
    // The OMS binds the conversation when the agent authenticates the customer (find_user_id_by_email); same kit schema.
    await sqlBindingStore(await sharedPglite(), `${prefix}_kit`, () => FIXTURE_NOW).set('conv-courier-1', 'alice_1');
    const after = await client.callTool({ name: 'track_shipment', arguments: { tracking_id: '100000000004' } });
    expect(after.structuredContent).toMatchObject({ order_id: '#W0000004' });
    const bobs = await client.callTool({ name: 'track_shipment', arguments: { tracking_id: '100000000002' } });
    expect(errorOf(bobs)).toEqual({ code: 'NOT_FOUND', message: 'no shipment with tracking id 100000000002' });
  });

  it('lists slots not yet started, flagging full ones', async () => {
    const listed = await (await connect(customer('alice_1'))).callTool({ name: 'list_delivery_slots', arguments: { tracking_id: '100000000001', days: 2 } });
    const { zip_prefix, slots } = listed.structuredContent as { zip_prefix: string; slots: { slot_id: string; full: boolean; remaining: number }[] };
    expect(zip_prefix).toBe('100');
    expect(slots.map((s) => s.slot_id)).toEqual([
      '100-2026-05-02-1200', '100-2026-05-02-1500', '100-2026-05-02-1800',
      '100-2026-05-03-0900', '100-2026-05-03-1200', '100-2026-05-03-1500', '100-2026-05-03-1800',
    ]);
    expect(slots.find((s) => s.slot_id === '100-2026-05-03-0900')).toMatchObject({ full: true, remaining: 0 });
    const both = await (await connect(customer('alice_1'))).callTool({ name: 'list_delivery_slots', arguments: { tracking_id: '100000000001', zip: '10083' } });
    expect(errorOf(both)).toEqual({ code: 'INVALID_ARGUMENT', message: 'give exactly one of tracking_id or zip' });
  });

  it('refuses a full slot listing alternatives, then books, reschedules and releases', async () => {
    const alice = await connect(customer('alice_1'));
    const full = await alice.callTool({ name: 'book_delivery_slot', arguments: { tracking_id: '100000000001', slot_id: '100-2026-05-03-0900' } });
    expect(errorOf(full)).toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('is full (1/1 booked); available alternatives: 100-2026-05-02-1200') });
    expect((await (await backend()).getShipment('100000000001'))?.slotId).toBeNull();
    const booked = await alice.callTool({ name: 'book_delivery_slot', arguments: { tracking_id: '100000000001', slot_id: '100-2026-05-03-1200' } });
    expect(booked.structuredContent).toMatchObject({ slot: { slot_id: '100-2026-05-03-1200', remaining: 1 }, previous_slot_id: null });
    const past = await alice.callTool({ name: 'reschedule_delivery', arguments: { tracking_id: '100000000001', slot_id: '100-2026-05-02-0900' } });
    expect(errorOf(past).message).toContain('not in the future; choose a later slot');
    const moved = await alice.callTool({ name: 'reschedule_delivery', arguments: { tracking_id: '100000000001', slot_id: '100-2026-05-04-1500' } });
    expect(moved.structuredContent).toMatchObject({ slot: { slot_id: '100-2026-05-04-1500' }, previous_slot_id: '100-2026-05-03-1200' });
    const released = await alice.callTool({ name: 'release_delivery_slot', arguments: { tracking_id: '100000000001' } });
    expect(released.structuredContent).toEqual({ tracking_id: '100000000001', released_slot_id: '100-2026-05-04-1500' });
  });

  it('refuses malformed input and contradictory destinations, changing nothing', async () => {
    const alice = await connect(customer('alice_1'));
    const badSlot = await alice.callTool({ name: 'book_delivery_slot', arguments: { tracking_id: '100000000001', slot_id: 'tomorrow' } });
    expect(badSlot.isError).toBe(true);
    expect(JSON.stringify(badSlot.content)).toMatch(/slot_id|100-2026-05-03-0900/);
    const noAddress = await alice.callTool({ name: 'reroute_shipment', arguments: { tracking_id: '100000000001', destination_kind: 'address', location_id: 'PP-100-1' } });
    expect(errorOf(noAddress)).toEqual({ code: 'INVALID_ARGUMENT', message: 'destination_kind "address" needs address and no location_id' });
    const slotAtLocker = await alice.callTool({ name: 'reroute_shipment', arguments: { tracking_id: '100000000001', destination_kind: 'pickup_point', location_id: 'PP-100-1', slot_id: '100-2026-05-04-0900' } });
    expect(errorOf(slotAtLocker)).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('slot_id needs destination_kind "address" (a pickup point has no delivery slots)') });
    expect((await (await backend()).getShipment('100000000001'))?.destination.kind).toBe('address');
  });

  it('reroutes to a pickup point (a customer needs approval under the shipped policy), and refuses a reroute after delivery', async () => {
    const args = { tracking_id: '100000000001', destination_kind: 'pickup_point', location_id: 'PP-100-1' };
    const asCustomer = await (await connect(customer('alice_1'))).callTool({ name: 'reroute_shipment', arguments: args });
    expect(errorOf(asCustomer)).toMatchObject({ code: 'APPROVAL_REQUIRED', message: expect.stringContaining('shipment.reroute') });
    expect((await (await backend()).getShipment('100000000001'))?.destination.kind).toBe('address');
    const desk = await connect(service);
    const rerouted = await desk.callTool({ name: 'reroute_shipment', arguments: args });
    expect(rerouted.structuredContent).toMatchObject({
      destination: { kind: 'pickup_point', location_id: 'PP-100-1', address: { zip: '10084' } },
      previous_destination: { kind: 'address', location_id: null, address: { zip: '10083' } },
      slot_id: null, previous_slot_id: null, released_slot_id: null,
    });
    const late = await desk.callTool({ name: 'reroute_shipment', arguments: { tracking_id: '100000000004', destination_kind: 'locker', location_id: 'LK-100-1' } });
    expect(errorOf(late)).toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining("it is 'delivered' (it has been delivered)") });
  });

  it('schedules and cancels a return pickup and creates a return label for a delivered parcel', async () => {
    const alice = await connect(customer('alice_1'));
    const unknown = await alice.callTool({ name: 'schedule_return_pickup', arguments: { tracking_id: '100000000999', day: '2026-05-04', window: 'morning' } });
    expect(errorOf(unknown).code).toBe('NOT_FOUND');
    const early = await alice.callTool({ name: 'schedule_return_pickup', arguments: { tracking_id: '100000000001', day: '2026-05-04', window: 'morning' } });
    expect(errorOf(early).code).toBe('FAILED_PRECONDITION');
    const pickup = await alice.callTool({ name: 'schedule_return_pickup', arguments: { tracking_id: '100000000004', day: '2026-05-04', window: 'afternoon' } });
    expect(pickup.structuredContent).toMatchObject({ pickup_id: 'PU00000001', status: 'scheduled', window: 'afternoon', address: { zip: '10083' } });
    const asBob = await (await connect(customer('bob_2'))).callTool({ name: 'cancel_pickup', arguments: { pickup_id: 'PU00000001' } });
    expect(errorOf(asBob)).toEqual({ code: 'NOT_FOUND', message: 'no return pickup PU00000001' });
    const cancelled = await alice.callTool({ name: 'cancel_pickup', arguments: { pickup_id: 'PU00000001' } });
    expect(cancelled.structuredContent).toMatchObject({ status: 'cancelled' });
    const label = await alice.callTool({ name: 'create_return_label', arguments: { tracking_id: '100000000004', item_ids: ['1000000003'] } });
    expect(label.structuredContent).toMatchObject({ label_id: 'RL00000001', order_id: '#W0000004', item_ids: ['1000000003'], carrier_reference: expect.stringMatching(/^1ZR\d{12}$/), created: true });
  });

  it("voids a return label, answering another customer's label exactly like an unknown one and changing nothing", async () => {
    const alice = await connect(customer('alice_1'));
    const bob = await connect(customer('bob_2'));
    const theirs = await bob.callTool({ name: 'void_return_label', arguments: { label_id: 'RL00000001' } });
    const missing = await bob.callTool({ name: 'void_return_label', arguments: { label_id: 'RL00000999' } });
    expect(errorOf(theirs)).toEqual({ code: 'NOT_FOUND', message: 'no return label RL00000001' });
    expect(JSON.stringify(theirs.content).replace('RL00000001', 'X')).toBe(JSON.stringify(missing.content).replace('RL00000999', 'X'));
    expect((await (await backend()).getReturnLabel('RL00000001'))?.voidedAt).toBeNull();
    const malformed = await alice.callTool({ name: 'void_return_label', arguments: { label_id: 'label-1' } });
    expect(errorOf(malformed)).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('label ids look like "RL00000001"') });
    const voided = await alice.callTool({ name: 'void_return_label', arguments: { label_id: 'RL00000001' } });
    expect(voided.structuredContent).toMatchObject({ label_id: 'RL00000001', tracking_id: '100000000004', order_id: '#W0000004', item_ids: ['1000000003'], voided_at: FIXTURE_NOW.toISOString() });
    expect((await alice.callTool({ name: 'void_return_label', arguments: { label_id: 'RL00000001' } })).structuredContent).toEqual(voided.structuredContent);
    const renewed = await alice.callTool({ name: 'create_return_label', arguments: { tracking_id: '100000000004', item_ids: ['1000000003'] } });
    expect(renewed.structuredContent).toMatchObject({ label_id: 'RL00000002', created: true });
  });

  it('leaves in place, when a saga rolls back, a slot its book_delivery_slot found already booked', async () => {
    await connect(service);
    const slot = { tracking_id: '100000000002', slot_id: '100-2026-05-03-0900' }; // bob's parcel, booked there by the fixture
    const declined = { name: 'charge', run: async () => { throw new CommerceError('FAILED_PRECONDITION', 'the card was declined'); } };
    await expect(runSaga([
      toolStep({ runtime: runtime!, system: 'courier', tools: courierTools, backend: sqlCourierBackend(schema), principal: service, tool: 'book_delivery_slot', input: slot }),
      declined,
    ], { name: 'test.slot', key: 'courier-saga-1', runtime: runtime! })).rejects.toMatchObject({ details: { saga: { compensations: [{ step: 'book_delivery_slot', outcome: 'skipped' }] } } });
    expect((await (await backend()).getShipment('100000000002'))?.slotId).toBe('100-2026-05-03-0900');
  });
});
