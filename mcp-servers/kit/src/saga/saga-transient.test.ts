import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database, Queryable } from '../db/database.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { refundsBackend } from '../testing/refunds-system.ts';
import { DATABASE_START_TIMEOUT_MS, testEngines } from '../testing/test-database.ts';
import { toolFor } from '../tool.ts';
import { runSaga } from './run-saga.ts';

/** The refunds backend plus a way to make the database fail the call's transaction as a concurrent write would. */
const failingBackend = (schema: string) => (q: Queryable) => ({
  ...refundsBackend(schema)(q),
  deadlock: () => q.query(`DO $$ BEGIN RAISE EXCEPTION 'deadlock detected (simulated)' USING ERRCODE = '40P01'; END $$`),
});
type Backend = ReturnType<ReturnType<typeof failingBackend>>;

/** Two steps in the call's own transaction; the second deadlocks the first time (fail.once). */
const creditTwice = (fail: { once: boolean }) =>
  toolFor<Backend>()({
    name: 'credit_twice', title: 'Credit twice', kind: 'write', action: 'wallet.credit', compensation: { none: 'its saga undoes its own steps when a later one fails' },
    description: 'Credits the customer in two steps, each undone by its compensation when a later one fails.',
    input: { customer_id: z.string().describe('customer id'), order_id: z.string().describe('order id') },
    output: { ok: z.boolean().describe('credited') },
    assess: async ({ customer_id, order_id }) => ({ customerId: customer_id, orderId: order_id }),
    async handler({ customer_id, order_id }, ctx) {
      await runSaga([
        { name: 'first', run: () => ctx.backend.refund(customer_id, order_id, 3), compensate: async (id: number) => void (await ctx.backend.reverse(id)) },
        {
          name: 'second',
          async run() {
            if (fail.once) {
              fail.once = false;
              await ctx.backend.deadlock();
            }
            return ctx.backend.refund(customer_id, order_id, 4);
          },
        },
      ], { name: 'wallet.credit', key: ctx.idempotencyKey ?? order_id, subject: { customerId: customer_id, orderId: order_id } });
      return { ok: true };
    },
  });

describe.each(testEngines())('a saga step failing on a transient database error: $name', ({ open }) => {
  let db: Database;
  let h: KitHarness;
  beforeAll(async () => {
    db = await open();
    h = await kitHarness(db);
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  it('answers UNAVAILABLE (retry with the same key), records the compensations as undone by the rollback, and the retry succeeds', async () => {
    const tool = creditTwice({ once: true });
    const backend = failingBackend(h.schema);
    const call = () => h.runtime.invoke({ system: 'refunds', tool, input: { customer_id: 'alice', order_id: '#D1' }, principal: principals.service, idempotencyKey: 'credit-1' }, backend);
    await expect(call()).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('retry with the same idempotency key') });
    expect(await h.balance('alice')).toBe(0);
    const entries = await h.runtime.ledger.find(db, { orderId: '#D1' });
    expect(entries.map((e) => e.kind)).toEqual(['intent', 'decision', 'compensation', 'error']);
    expect(entries[2]!.data).toMatchObject({ step: 'first', outcome: 'transaction_rolled_back' });
    expect(entries[3]!.data).toMatchObject({ code: 'UNAVAILABLE' });

    await expect(call()).resolves.toEqual({ ok: true });
    expect(await h.balance('alice')).toBe(7);
  });
});
