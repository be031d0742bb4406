import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommerceError } from '../errors.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { refundTools } from '../testing/refunds-system.ts';
import { sharedPglite, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';
import { runSaga, type SagaStep } from './run-saga.ts';
import { toolStep } from './tool-step.ts';

describe('runSaga', () => {
  let h: KitHarness;
  beforeAll(async () => {
    h = await kitHarness(await sharedPglite());
    await h.runtime.db.query(`INSERT INTO ${h.schema}.wallets VALUES ('carol', 0), ('dave', 0), ('erin', 0)`); // velocity: 3 refunds a customer
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  const refund = (name: string, customer: string, amount: number) =>
    toolStep({ runtime: h.runtime, system: 'refunds', tools: refundTools, backend: h.backend, principal: principals.service, name, tool: 'issue_refund', input: { customer_id: customer, order_id: '#S1', amount } });
  const failing = (error: Error): SagaStep => ({ name: 'reserve', run: async () => { throw error; } });

  it('refuses, before any step runs, a step that cannot be undone anywhere but last; runs it as the last step', async () => {
    const ran: string[] = [];
    const final: SagaStep = { name: 'final', irreversible: 'cancel_pending_order: final', run: async () => ran.push('final') };
    const undoable = (name: string): SagaStep => ({ name, run: async () => ran.push(name), compensate: async () => void ran.push(`undo ${name}`) });
    await expect(runSaga([final, undoable('after')], { name: 'test.pivot', key: 'saga-pivot-1' })).rejects.toThrow(
      'saga test.pivot: step final cannot be undone (cancel_pending_order: final), so it must be the last step: a later step failing would leave it behind',
    );
    expect(ran).toEqual([]);
    await runSaga([undoable('before'), final], { name: 'test.pivot', key: 'saga-pivot-2' });
    expect(ran).toEqual(['before', 'final']);
    // The pivot failing itself undoes what came before it.
    const failingPivot: SagaStep = { ...final, run: async () => { throw new CommerceError('FAILED_PRECONDITION', 'declined'); } };
    await expect(runSaga([undoable('first'), failingPivot], { name: 'test.pivot', key: 'saga-pivot-3' })).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    expect(ran.slice(2)).toEqual(['first', 'undo first']);
  });

  it('a tool step whose tool declares no compensation is irreversible, with the reason', () => {
    const reverse = toolStep({ runtime: h.runtime, system: 'refunds', tools: refundTools, backend: h.backend, principal: principals.service, tool: 'reverse_refund', input: { refund_id: 1 } });
    expect([reverse.irreversible, reverse.compensate]).toEqual(['reverse_refund: undoes issue_refund', undefined]);
    expect(refund('r', 'alice', 1).irreversible).toBeUndefined();
  });

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

  it('keeps the rollback in the error when the failing step throws a plain error', async () => {
    await expect(runSaga([refund('first', 'carol', 3), failing(new Error('socket hang up'))], { name: 'test.plain', key: 'saga-plain-1', runtime: h.runtime }))
      .rejects.toMatchObject({ message: 'socket hang up', details: { saga: { failedStep: 'reserve', rolledBack: true, compensations: [{ step: 'first', outcome: 'ok' }] } } });
    expect(await h.balance('carol')).toBe(0);
  });

  it('runs a rolled-back key again as a new attempt, whose steps take effect instead of replaying undone results', async () => {
    let declined = true;
    const charge: SagaStep = { name: 'charge', run: async () => { if (declined) throw new CommerceError('FAILED_PRECONDITION', 'the card was declined'); return {}; } };
    const steps = () => [refund('credit', 'dave', 40), charge];
    await expect(runSaga(steps(), { name: 'test.rerun', key: 'saga-rerun-1', runtime: h.runtime })).rejects.toMatchObject({ details: { saga: { attempt: 1, rolledBack: true } } });
    expect(await h.balance('dave')).toBe(0);
    declined = false;
    await runSaga(steps(), { name: 'test.rerun', key: 'saga-rerun-1', runtime: h.runtime });
    expect(await h.balance('dave')).toBe(40); // the credit is in place, not an undone one replayed
    await runSaga(steps(), { name: 'test.rerun', key: 'saga-rerun-1', runtime: h.runtime }); // committed: replays
    expect(await h.balance('dave')).toBe(40);
  });

  it("refuses a kept saga's key or step name holding #, which marks an attempt in the step keys", async () => {
    // Key "K#2" at attempt 1 would run under the step keys of key "K" at attempt 2.
    await expect(runSaga([refund('a', 'alice', 1)], { name: 'test.hash', key: 'saga-hash#2', runtime: h.runtime }))
      .rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('contains "#"') });
    await expect(runSaga([refund('a#2', 'alice', 1)], { name: 'test.hash', key: 'saga-hash-1', runtime: h.runtime })).rejects.toThrow(/step name "a#2" contains "#"/);
    expect(await h.balance('alice')).toBe(1);
  });

  it('skips a compensation whose step created nothing (its effect was already in place)', async () => {
    const alreadyThere = refundTools.map((t) => (t.name === 'issue_refund' ? { ...t, compensation: { tool: 'reverse_refund', args: () => null } } : t));
    const step = toolStep({ runtime: h.runtime, system: 'refunds', tools: alreadyThere, backend: h.backend, principal: principals.service, name: 'kept', tool: 'issue_refund', input: { customer_id: 'erin', order_id: '#S1', amount: 6 } });
    await expect(runSaga([step, failing(new CommerceError('FAILED_PRECONDITION', 'out of stock'))], { name: 'test.skip', key: 'saga-skip-1', runtime: h.runtime }))
      .rejects.toMatchObject({ details: { saga: { rolledBack: true, compensations: [{ step: 'kept', outcome: 'skipped' }] } } });
    expect(await h.balance('erin')).toBe(6); // not undone: it was not this saga's to undo
    const [entry] = await h.runtime.ledger.find(h.runtime.db, { callId: 'saga:saga-skip-1' });
    expect(entry!.data).toMatchObject({ step: 'kept', outcome: 'skipped', note: expect.stringContaining('nothing to undo') });
  });

  it('answers a re-run of a key that could not be undone with its error instead of running it again', async () => {
    const broken: SagaStep<number> = { name: 'charge', run: async () => 1, compensate: async () => { throw new Error('payment provider down'); } };
    const run = () => runSaga([broken, failing(new CommerceError('FAILED_PRECONDITION', 'out of stock'))], { name: 'test.stuck', key: 'saga-stuck-1', runtime: h.runtime });
    await expect(run()).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('an operator must reconcile') });
    await expect(run()).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('an operator must reconcile'), details: { saga: { rolledBack: false, replayed: true } } });
    expect(await h.runtime.ledger.find(h.runtime.db, { callId: 'saga:saga-stuck-1' })).toHaveLength(1); // not compensated twice
  });

  it('reports compensations that fail so an operator can reconcile', async () => {
    const broken: SagaStep<number> = { name: 'charge', run: async () => 1, compensate: async () => { throw new Error('payment provider down'); } };
    await expect(runSaga([broken, failing(new Error('boom'))], { name: 'test.broken', key: 'saga-broken-1', runtime: h.runtime }))
      .rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('charge could not be undone'), details: { saga: { compensations: [{ step: 'charge', outcome: 'failed', error: 'payment provider down' }] } } });
  });
});
