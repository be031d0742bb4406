import { createActionRuntime, generateSigner, loadPolicy, runSaga, toolStep, type Principal } from '@agentic-commerce/kit';
import { connectAs } from '@agentic-commerce/kit/testing/connect-as';
import { dropPrefixedSchemas, sharedPglite, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courierTools, createCourierServer } from './server.ts';
import { sqlCourierBackend } from './store/sql-courier-backend.ts';
import { ALICE_HOME, FIXTURE_NOW, seedCourierFixture } from './testing/courier-fixture.ts';

const prefix = uniquePrefix();
const schema = `${prefix}_courier`;
const service: Principal = { kind: 'service', id: 'svc:desk', scopes: ['courier:*'] };
const backend = sqlCourierBackend(schema);
const runtime = async () => createActionRuntime({ db: await sharedPglite(), schema: `${prefix}_kit`, policy: loadPolicy(), signer: generateSigner(), now: () => FIXTURE_NOW });
let sagas = 0;

/** Runs `tool` as a saga step followed by a step that fails, so the saga rolls it back; answers the compensations. */
async function rolledBack(tool: string, input: Record<string, unknown>): Promise<{ step: string; outcome: string }[]> {
  const rt = await runtime();
  const declined = { name: 'charge', run: async () => { throw new Error('the card was declined'); } };
  const saga = runSaga([toolStep({ runtime: rt, system: 'courier', tools: courierTools, backend, principal: service, tool, input }), declined], {
    name: 'test.courier', key: `courier-compensation-${++sagas}`, runtime: rt,
  });
  const failure = await saga.then(() => undefined, (error: { details?: { saga?: { compensations?: { step: string; outcome: string }[] } } }) => error);
  return failure?.details?.saga?.compensations ?? [];
}

/** What a customer or the carrier would notice: parcels (destination, slot), slot and place occupancy, scheduled pickups, valid labels. */
async function world() {
  const db = await sharedPglite();
  const c = backend(db);
  const parcels = await Promise.all(['100000000001', '100000000002', '100000000003', '100000000004'].map(async (id) => {
    const { destination, slotId, status } = (await c.getShipment(id))!;
    return { id, destination, slotId, status };
  }));
  const slots = (await c.listSlots({ zipPrefix: '100', fromDay: '2026-05-02', toDay: '2026-05-04' })).map((s) => [s.slotId, s.booked]);
  const places = (await c.listLocations('100')).map((l) => [l.locationId, l.inUse]);
  const pickups = await db.query(`SELECT id, day, time_window FROM ${schema}.return_pickups WHERE status = 'scheduled' ORDER BY id`);
  const labels = await db.query(`SELECT id, item_ids FROM ${schema}.return_labels WHERE voided_at IS NULL ORDER BY id`);
  return { parcels, slots, places, pickups, labels };
}

const write = async <T>(fn: (c: ReturnType<typeof backend>) => Promise<T>) => (await sharedPglite()).transaction((tx) => fn(backend(tx)));

describe('courier compensations, run by a saga whose later step fails', () => {
  beforeAll(async () => seedCourierFixture(await sharedPglite(), schema));
  afterAll(async () => dropPrefixedSchemas(await sharedPglite(), prefix));

  it('cancels the return pickup its schedule_return_pickup created', async () => {
    const before = await world();
    const compensations = await rolledBack('schedule_return_pickup', { tracking_id: '100000000004', day: '2026-05-04', window: 'morning' });
    expect(compensations).toMatchObject([{ step: 'schedule_return_pickup', outcome: 'ok' }]);
    expect(await world()).toEqual(before);
  });

  it('leaves scheduled a return pickup its schedule_return_pickup found already there', async () => {
    const { pickup } = await write((c) => c.schedulePickup({ trackingId: '100000000004', day: '2026-05-05', window: 'afternoon' }, FIXTURE_NOW));
    const before = await world();
    expect(before.pickups).toHaveLength(1);
    const compensations = await rolledBack('schedule_return_pickup', { tracking_id: '100000000004', day: '2026-05-05', window: 'afternoon' });
    expect(compensations).toMatchObject([{ step: 'schedule_return_pickup', outcome: 'skipped' }]);
    expect(await world()).toEqual(before);
    await write((c) => c.cancelPickup(pickup.pickupId, FIXTURE_NOW));
  });

  it('says whether schedule_return_pickup created the pickup; a replay of the same key answers as the first call did', async () => {
    const desk = await connectAs(createCourierServer({ runtime: await runtime(), backend }), service);
    const args = { tracking_id: '100000000004', day: '2026-05-06', window: 'morning', idempotency_key: 'pickup-replay-1' };
    const first = await desk.callTool({ name: 'schedule_return_pickup', arguments: args });
    expect(first.structuredContent).toMatchObject({ status: 'scheduled', created: true });
    expect((await desk.callTool({ name: 'schedule_return_pickup', arguments: args })).structuredContent).toEqual(first.structuredContent);
    const again = await desk.callTool({ name: 'schedule_return_pickup', arguments: { ...args, idempotency_key: 'pickup-replay-2' } });
    expect(again.structuredContent).toMatchObject({ pickup_id: (first.structuredContent as { pickup_id: string }).pickup_id, created: false });
    await write((c) => c.cancelPickup((first.structuredContent as { pickup_id: string }).pickup_id, FIXTURE_NOW));
  });

  it('voids the return label its create_return_label created', async () => {
    const before = await world();
    const compensations = await rolledBack('create_return_label', { tracking_id: '100000000004', item_ids: ['1000000003'] });
    expect(compensations).toMatchObject([{ step: 'create_return_label', outcome: 'ok' }]);
    expect(await world()).toEqual(before);
    expect((await backend(await sharedPglite()).getReturnLabel('RL00000001'))?.voidedAt).toBe(FIXTURE_NOW.toISOString());
  });

  it('leaves valid a return label its create_return_label found already there', async () => {
    const { label, created } = await write((c) => c.createReturnLabel('100000000004', ['1000000003'], FIXTURE_NOW));
    expect(created).toBe(true); // the voided label of the test before does not count
    const before = await world();
    expect(before.labels).toHaveLength(1);
    const compensations = await rolledBack('create_return_label', { tracking_id: '100000000004', item_ids: ['1000000003'] });
    expect(compensations).toMatchObject([{ step: 'create_return_label', outcome: 'skipped' }]);
    expect(await world()).toEqual(before);
    await write((c) => c.voidReturnLabel(label.labelId, FIXTURE_NOW));
  });

  it('says whether create_return_label created the label; a replay of the same key answers as the first call did', async () => {
    const desk = await connectAs(createCourierServer({ runtime: await runtime(), backend }), service);
    const args = { tracking_id: '100000000004', item_ids: ['1000000003'], idempotency_key: 'label-replay-1' };
    const first = await desk.callTool({ name: 'create_return_label', arguments: args });
    expect(first.structuredContent).toMatchObject({ item_ids: ['1000000003'], created: true });
    expect((await desk.callTool({ name: 'create_return_label', arguments: args })).structuredContent).toEqual(first.structuredContent);
    const again = await desk.callTool({ name: 'create_return_label', arguments: { ...args, idempotency_key: 'label-replay-2' } });
    expect(again.structuredContent).toMatchObject({ label_id: (first.structuredContent as { label_id: string }).label_id, created: false });
    await write((c) => c.voidReturnLabel((first.structuredContent as { label_id: string }).label_id, FIXTURE_NOW));
  });

  it('replays results stored before `created` existed (a retry across the upgrade), and a saga then undoes nothing', async () => {
    const rt = await runtime();
    const desk = await connectAs(createCourierServer({ runtime: rt, backend }), service);
    const args = { tracking_id: '100000000004', item_ids: ['1000000003'], idempotency_key: 'label-before-upgrade' };
    const first = (await desk.callTool({ name: 'create_return_label', arguments: args })).structuredContent as { label_id: string };
    // What the previous version stored under the key: the same output without `created`.
    await rt.db.query(`UPDATE ${rt.schema}.idempotency SET result = (result::jsonb - 'created')::text WHERE key = $1`, [args.idempotency_key]);
    const retried = await desk.callTool({ name: 'create_return_label', arguments: args });
    expect(retried.isError).toBeFalsy();
    expect(retried.structuredContent).toEqual({ ...first, created: undefined });
    expect(courierTools.find((t) => t.name === 'create_return_label')!.compensation).toMatchObject({ tool: 'void_return_label' });
    const spec = courierTools.find((t) => t.name === 'create_return_label')!.compensation as { args: (i: unknown, o: unknown) => unknown };
    expect(spec.args({}, retried.structuredContent)).toBeNull(); // not known to have created it: not voided
    await write((c) => c.voidReturnLabel(first.label_id, FIXTURE_NOW));
  });

  it('moves a rescheduled delivery back to the slot it had, freeing the new one', async () => {
    await write((c) => c.bookSlot('100000000001', '100-2026-05-03-1200', FIXTURE_NOW));
    const before = await world();
    const compensations = await rolledBack('reschedule_delivery', { tracking_id: '100000000001', slot_id: '100-2026-05-04-0900' });
    expect(compensations).toMatchObject([{ step: 'reschedule_delivery', outcome: 'ok' }]);
    expect(await world()).toEqual(before);
  });

  it('frees the slot a reschedule booked for a parcel that had none, and undoes nothing when the slot was already booked', async () => {
    await write((c) => c.releaseSlot('100000000001', FIXTURE_NOW));
    const before = await world();
    expect(await rolledBack('reschedule_delivery', { tracking_id: '100000000001', slot_id: '100-2026-05-04-0900' })).toMatchObject([{ outcome: 'ok' }]);
    expect(await world()).toEqual(before);
    const booked = await world();
    expect(await rolledBack('reschedule_delivery', { tracking_id: '100000000002', slot_id: '100-2026-05-03-0900' })).toMatchObject([{ outcome: 'skipped' }]);
    expect(await world()).toEqual(booked);
  });

  it("an undo of a reschedule changes nothing once someone else has moved the delivery (from_slot_id)", async () => {
    await write((c) => c.reschedule('100000000001', '100-2026-05-03-1200', FIXTURE_NOW));
    const before = await world();
    const client = await connectAs(createCourierServer({ runtime: await runtime(), backend }), service);
    const error = async (args: Record<string, unknown>) => ((await client.callTool({ name: 'reschedule_delivery', arguments: { tracking_id: '100000000001', ...args } })).content as { text: string }[])[0]!.text;
    // Moving back from a slot it is no longer in, or freeing a slot it no longer holds: refused, nothing changed.
    expect(await error({ slot_id: '100-2026-05-04-0900', from_slot_id: '100-2026-05-04-1500' })).toBe('FAILED_PRECONDITION: shipment 100000000001 is booked in slot 100-2026-05-03-1200, not 100-2026-05-04-1500; nothing was changed');
    expect(await error({ slot_id: null, from_slot_id: '100-2026-05-04-1500' })).toBe('FAILED_PRECONDITION: shipment 100000000001 is booked in slot 100-2026-05-03-1200, not 100-2026-05-04-1500; nothing was released');
    expect(await world()).toEqual(before);
  });

  it("an undo of a reroute changes nothing once the parcel has been moved since (from)", async () => {
    const client = await connectAs(createCourierServer({ runtime: await runtime(), backend }), service);
    const reroute = async (args: Record<string, unknown>) => client.callTool({ name: 'reroute_shipment', arguments: { tracking_id: '100000000003', ...args } });
    const first = (await reroute({ destination_kind: 'pickup_point', location_id: 'PP-100-1' })).structuredContent as { destination: unknown; slot_id: string | null };
    await reroute({ destination_kind: 'address', address: ALICE_HOME }); // someone moves it again
    const before = await world();
    const undo = await reroute({ destination_kind: 'address', address: ALICE_HOME, from: { destination: first.destination, slot_id: first.slot_id } });
    expect((undo.content as { text: string }[])[0]!.text).toMatch(/^FAILED_PRECONDITION: shipment 100000000003 is no longer where this change expects it \(now address in .*\); nothing was changed$/);
    expect(await world()).toEqual(before);
    // Where it is now, the same guard lets the change through.
    const now = (await backend(await sharedPglite()).getShipment('100000000003'))!;
    const back = await reroute({ destination_kind: 'locker', location_id: 'LK-100-1', from: { destination: { kind: now.destination.kind, location_id: now.destination.locationId, address: now.destination.address }, slot_id: now.slotId } });
    expect(back.isError).toBeFalsy(); // and carol's parcel is in its locker again, as the fixture has it
  });

  it('reroutes a parcel back to its address and rebooks the slot the reroute freed', async () => {
    const before = await world(); // bob's parcel is booked in the full slot 100-2026-05-03-0900
    const compensations = await rolledBack('reroute_shipment', { tracking_id: '100000000002', destination_kind: 'pickup_point', location_id: 'PP-100-1' });
    expect(compensations).toMatchObject([{ step: 'reroute_shipment', outcome: 'ok' }]);
    expect(await world()).toEqual(before);
  });

  it('reroutes a parcel back to its locker and frees the slot the reroute booked at the new address', async () => {
    const before = await world(); // carol's parcel holds the locker's only place
    const input = { tracking_id: '100000000003', destination_kind: 'address', address: ALICE_HOME, slot_id: '100-2026-05-04-1500' };
    expect(await rolledBack('reroute_shipment', input)).toMatchObject([{ step: 'reroute_shipment', outcome: 'ok' }]);
    expect(await world()).toEqual(before);
    const same = await rolledBack('reroute_shipment', { tracking_id: '100000000003', destination_kind: 'locker', location_id: 'LK-100-1' });
    expect(same).toMatchObject([{ step: 'reroute_shipment', outcome: 'skipped' }]);
    expect(await world()).toEqual(before);
  });
});
