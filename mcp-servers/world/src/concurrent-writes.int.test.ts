import { afterAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '@agentic-commerce/kit';
import { returnDeliveredOrderItems } from '@agentic-commerce/oms/tools/return-delivered-order-items';
import { dropPrefixedSchemas, sharedPostgres, testPostgresUrl, uniquePrefix } from '../../kit/src/testing/test-database.ts';
import { createReferenceWorld } from './reference-world.ts';

const prefix = uniquePrefix();
const asOf = new Date('2026-06-01T00:00:00.000Z');
const service = { kind: 'service' as const, id: 'svc:concurrency-test', scopes: ['*'] };

describe.skipIf(!testPostgresUrl())('concurrent OMS writes on PostgreSQL', () => {
  afterAll(async () => dropPrefixedSchemas(await sharedPostgres(), prefix));

  it('20 parallel duplicates of a return: one effect, every caller gets its result; another key is refused', async () => {
    const db = await sharedPostgres();
    const world = await createReferenceWorld({ db, prefix, source: { kind: 'synthetic', seed: 5, customers: 30, orders: 120, products: 12, warehouses: 2, days: 20 }, asOf, runtime: { now: () => new Date(asOf.getTime() + 3_600_000) } });
    const oms = world.backends.oms(db);
    const [delivered] = await db.query<{ id: string }>(`SELECT id FROM ${world.schemas.oms}.orders WHERE status = 'delivered' ORDER BY id LIMIT 1`);
    const order = (await oms.getOrder(delivered!.id))!;
    const input = { order_id: order.order_id, item_ids: [order.items[0]!.item_id], payment_method_id: order.payment_history[0]!.payment_method_id };
    const invoke = (idempotencyKey: string, args: Record<string, unknown> = input) =>
      world.runtime.invoke({ system: 'oms', tool: returnDeliveredOrderItems, input: args, principal: service, idempotencyKey }, world.backends.oms);

    // Each duplicate locks the order while it assesses; those that wait find it returned and answer from the key.
    const outputs = await Promise.all(Array.from({ length: 20 }, () => invoke('same-return')));
    expect(new Set(outputs.map((o) => JSON.stringify(o))).size).toBe(1);
    expect(outputs[0]).toMatchObject({ status: 'return requested' });
    // Another key is a new request: the order is no longer returnable.
    await expect(invoke('another-return')).rejects.toMatchObject({ code: expect.stringMatching(/FAILED_PRECONDITION|POLICY_DENIED/) });
    const returns = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${world.schemas.kit}.ledger WHERE kind = 'result' AND order_id = $1`, [order.order_id],
    );
    expect(returns[0]!.n).toBe(1);
    expect((await oms.getOrder(order.order_id))!.status).toBe('return requested');
    expect((await verifyLedger(db, world.schemas.kit, world.runtime.ledger.signer.publicKeys)).ok).toBe(true);
  }, 120_000);
});
