import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommerceError } from '../errors.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { refundTools } from '../testing/refunds-system.ts';
import { sharedPglite, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';
import { runSaga, type SagaStep } from './run-saga.ts';
import { toolStep } from './tool-step.ts';

describe('runSaga', () => {
  let h: KitHarness;
  beforeAll(async () => void (h = await kitHarness(await sharedPglite())), DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  const refund = (name: string, customer: string, amount: number) =>
    toolStep({ runtime: h.runtime, system: 'refunds', tools: refundTools, backend: h.backend, principal: principals.service, name, tool: 'issue_refund', input: { customer_id: customer, order_id: '#S1', amount } });
  const failing = (error: Error): SagaStep => ({ name: 'reserve', run: async () => { throw error; } });

  it('commits every step when none fails', async () => {
    const results = await runSaga([refund('a', 'alice', 1), refund('b', 'bob', 2)], { name: 'test.commit', key: 'saga-commit-1', runtime: h.runtime });
    expect([...results.keys()]).toEqual(['a', 'b']);
    expect([await h.balance('alice'), await h.balance('bob')]).toEqual([1, 2]);
  });

  it('undoes the completed steps in reverse when a later step fails, and records each compensation', async () => {
    const order: string[] = [];
    const tracked = (step: SagaStep<Record<string, unknown>>): SagaStep<Record<string, unknown>> => ({
      ...step, compensate: async (result, ctx) => { order.push(step.name); await step.compensate!(result, ctx); },
    });
    const outOfStock = new CommerceError('FAILED_PRECONDITION', 'item 123 is out of stock');
    await expect(
      runSaga([tracked(refund('first', 'alice', 10)), tracked(refund('second', 'bob', 20)), failing(outOfStock)], {
        name: 'test.rollback', key: 'saga-rollback-1', runtime: h.runtime, subject: { orderId: '#S1' },
      }),
    ).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', details: { saga: { failedStep: 'reserve', compensations: [{ step: 'second', outcome: 'ok' }, { step: 'first', outcome: 'ok' }] } } });
    expect(order).toEqual(['second', 'first']);
    expect([await h.balance('alice'), await h.balance('bob')]).toEqual([1, 2]);
    const compensations = (await h.runtime.ledger.find(h.runtime.db, { callId: 'saga:saga-rollback-1' })).map((e) => e.data);
    expect(compensations).toMatchObject([{ step: 'second', idempotencyKey: 'saga-rollback-1:second:compensate' }, { step: 'first' }]);
    expect(await h.runtime.metrics.registry.metrics()).toMatch(/commerce_saga_rollbacks_total\{saga="test.rollback"\} 1/);
  });

  it('treats a step refused for approval as a failure and rolls back', async () => {
    await expect(runSaga([refund('small', 'alice', 5), refund('large', 'bob', 900)], { name: 'test.approval', key: 'saga-approval-1', runtime: h.runtime }))
      .rejects.toMatchObject({ code: 'APPROVAL_REQUIRED' });
    expect([await h.balance('alice'), await h.balance('bob')]).toEqual([1, 2]);
  });

  it('reports compensations that fail so an operator can reconcile', async () => {
    const broken: SagaStep<number> = { name: 'charge', run: async () => 1, compensate: async () => { throw new Error('payment provider down'); } };
    await expect(runSaga([broken, failing(new Error('boom'))], { name: 'test.broken', key: 'saga-broken-1', runtime: h.runtime }))
      .rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('charge could not be undone'), details: { saga: { compensations: [{ step: 'charge', outcome: 'failed', error: 'payment provider down' }] } } });
  });
});
