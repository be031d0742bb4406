import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { CommerceError } from '../errors.ts';
import { verifyLedger } from '../ledger/verify-ledger.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import type { refundsBackend } from '../testing/refunds-system.ts';
import { DATABASE_START_TIMEOUT_MS, testEngines } from '../testing/test-database.ts';
import { toolFor } from '../tool.ts';
import { runSaga } from './run-saga.ts';

/** Another system the saga reserves in: holds are idempotent by key, and so are releases. */
function holdsSystem() {
  const holds = new Map<string, { id: string; released: boolean }>();
  const releases: string[] = [];
  return {
    holds, releases,
    hold: async (key: string) => {
      const held = holds.get(key) ?? { id: `hold-${holds.size + 1}`, released: false };
      holds.set(key, held);
      return held.id;
    },
    release: async (holdId: string, key: string) => {
      if (releases.includes(key)) return;
      releases.push(key);
      for (const h of holds.values()) if (h.id === holdId) h.released = true;
    },
  };
}

type Backend = ReturnType<ReturnType<typeof refundsBackend>>;
const bookTrip = (external: ReturnType<typeof holdsSystem>) =>
  toolFor<Backend>()({
    name: 'book_trip', title: 'Book trip', kind: 'write', action: 'trip.book', compensation: { none: 'a test trip: its saga undoes its own holds' },
    description: 'Refunds the customer, then holds a flight and a hotel and charges; undoes the holds when a step fails.',
    input: { customer_id: z.string().describe('customer id'), order_id: z.string().describe('order id') },
    output: { ok: z.boolean().describe('booked') },
    assess: async ({ customer_id, order_id }) => ({ customerId: customer_id, orderId: order_id }),
    async handler({ customer_id, order_id }, ctx) {
      await ctx.backend.refund(customer_id, order_id, 7); // a local effect: rolled back with the call
      await runSaga([
        { name: 'hold_flight', run: ({ idempotencyKey }) => external.hold(idempotencyKey), compensate: (id: string, { idempotencyKey }) => external.release(id, idempotencyKey) },
        { name: 'hold_hotel', run: ({ idempotencyKey }) => external.hold(idempotencyKey), compensate: (id: string, { idempotencyKey }) => external.release(id, idempotencyKey) },
        { name: 'charge', run: async () => { throw new CommerceError('FAILED_PRECONDITION', 'the card was declined'); } },
      ], { name: 'trip.book', key: ctx.idempotencyKey ?? order_id, subject: { customerId: customer_id, orderId: order_id } });
      return { ok: true };
    },
  });

describe.each(testEngines())('a saga inside a write tool: $name', ({ open }) => {
  let db: Database;
  let h: KitHarness;
  beforeAll(async () => {
    db = await open();
    h = await kitHarness(db);
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  it("records the failed step's compensations in the call's ledger entries, in reverse order, each idempotent", async () => {
    const external = holdsSystem();
    const call = () => h.runtime.invoke({ system: 'refunds', tool: bookTrip(external), input: { customer_id: 'alice', order_id: '#T1' }, principal: principals.service, idempotencyKey: 'trip-1' }, h.backend);
    await expect(call()).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', details: { saga: { failedStep: 'charge', compensations: [{ step: 'hold_hotel', outcome: 'ok' }, { step: 'hold_flight', outcome: 'ok' }] } } });
    expect([...external.holds.values()].every((x) => x.released)).toBe(true);
    expect(await h.refunds()).toBe(0);

    const entries = await h.runtime.ledger.find(db, { orderId: '#T1' });
    expect(entries.map((e) => e.kind)).toEqual(['intent', 'decision', 'compensation', 'compensation', 'error']);
    expect(new Set(entries.map((e) => e.callId)).size).toBe(1);
    expect(entries.filter((e) => e.kind === 'compensation').map((e) => e.data)).toMatchObject([
      { saga: 'trip.book', step: 'hold_hotel', outcome: 'ok', idempotencyKey: 'trip-1:hold_hotel:compensate' },
      { saga: 'trip.book', step: 'hold_flight', outcome: 'ok', idempotencyKey: 'trip-1:hold_flight:compensate' },
    ]);
    expect(entries.at(-1)!.data).toMatchObject({ code: 'FAILED_PRECONDITION' });

    // Retried with the same key: the same derived keys, so the other system undoes nothing twice.
    await expect(call()).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    expect(external.releases).toEqual(['trip-1:hold_hotel:compensate', 'trip-1:hold_flight:compensate']);
    const again = (await h.runtime.ledger.find(db, { orderId: '#T1' })).filter((e) => e.kind === 'compensation');
    expect(again.map((e) => e.data.idempotencyKey)).toEqual([
      'trip-1:hold_hotel:compensate', 'trip-1:hold_flight:compensate', 'trip-1:hold_hotel:compensate', 'trip-1:hold_flight:compensate',
    ]);
    expect(await verifyLedger(db, h.runtime.schema, h.runtime.ledger.signer.publicKeys)).toMatchObject({ ok: true });
    expect(await h.runtime.metrics.registry.metrics()).toMatch(/commerce_compensations_total\{saga="trip.book",step="hold_hotel",outcome="ok"\} 2/);
  });
});
