import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { runSaga } from './run-saga.ts';
import { issueRefund, refundTools } from '../testing/refunds-system.ts';
import { sharedPglite, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';
import { crashKit, until } from './crashed-saga.ts';
import { recoverSagas } from './recover-sagas.ts';
import type { SagaStep } from './run-saga.ts';
import { toolStep } from './tool-step.ts';

/** A saga whose last step is one nothing undoes (reverse_refund declares compensation { none }), its process stopping. */
describe('recovering a saga whose last step cannot be undone', () => {
  let h: KitHarness;
  let clock = Date.parse('2026-03-01T09:00:00Z');
  let kit: ReturnType<typeof crashKit>;
  beforeAll(async () => {
    h = await kitHarness(await sharedPglite(), { now: () => new Date(clock) });
    await h.runtime.db.query(`INSERT INTO ${h.schema}.wallets VALUES ('carol', 0), ('dave', 0), ('erin', 0), ('fay', 0)`);
    kit = crashKit(h);
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());
  const recover = () => recoverSagas(h.runtime, { olderThan: 5 * 60_000, compensations: { systems: [{ system: 'refunds', tools: refundTools, backend: h.backend }] } });
  /** carol's earlier refund of 50, and the saga's last step reversing it. */
  const pivotOn = async (key: string, customer = 'carol') => {
    const earlier = (await h.runtime.invoke({ system: 'refunds', tool: issueRefund, input: { customer_id: customer, order_id: `#C-${key}`, amount: 50 }, principal: principals.service, idempotencyKey: `carol-${key}` }, h.backend)) as { refund_id: number };
    return toolStep({ runtime: h.runtime, system: 'refunds', tools: refundTools, backend: h.backend, principal: principals.service, name: 'reverse', tool: 'reverse_refund', input: { refund_id: earlier.refund_id } });
  };

  it('finishes the saga as committed when that step had committed, undoing nothing', async () => {
    const pivot = await pivotOn('p1');
    expect(pivot.irreversible).toBe('reverse_refund: undoes issue_refund');
    // The process stops right after the last step's call committed, before its end (or the saga's commit) is recorded.
    const stops: SagaStep<Record<string, unknown>> = { ...pivot, run: async (ctx) => { await pivot.run(ctx); return new Promise(() => undefined); } };
    await kit.crash([kit.refund('credit', 'dave', 5), stops], 'pivot-committed');
    await until(async () => (await h.balance('carol')) === 0);
    clock += 10 * 60_000;
    const [recovery] = await recover();
    expect(recovery).toMatchObject({ key: 'pivot-committed', from: 'running', status: 'committed', compensations: [] });
    expect([await h.balance('carol'), await h.balance('dave')]).toEqual([0, 5]); // both steps stand
    expect(await kit.status('pivot-committed')).toBe('committed');
    expect(await recover()).toEqual([]); // nothing left to recover
  });

  it('rolls back the steps before it when that step never took effect', async () => {
    const pivot = await pivotOn('p2');
    const hangs: SagaStep<Record<string, unknown>> = { ...pivot, run: () => new Promise(() => undefined) }; // stops before its call
    await kit.crash([kit.refund('credit', 'dave', 7), hangs], 'pivot-never-ran');
    clock += 10 * 60_000;
    const [recovery] = await recover();
    expect(recovery).toMatchObject({ key: 'pivot-never-ran', status: 'rolled_back', compensations: [{ step: 'credit', outcome: 'ok' }] });
    expect([await h.balance('carol'), await h.balance('dave')]).toEqual([50, 5]); // carol's refund stands, dave's 7 undone
  });

  it('leaves to an operator, undoing nothing more, a saga whose run had begun undoing steps before its last step turned out committed', async () => {
    const pivot = await pivotOn('p3');
    // The last step's call commits, but its answer is lost (a connection reset): the run takes it as failed and starts
    // undoing the steps before it; one of those compensations fails, so the saga is left compensation_failed.
    const ambiguous: SagaStep<Record<string, unknown>> = { ...pivot, run: async (ctx) => { await pivot.run(ctx); throw new Error('Connection terminated unexpectedly'); } };
    const first = kit.refund('credit-erin', 'erin', 5);
    const cannotUndo: SagaStep<Record<string, unknown>> = { ...first, compensate: async () => { throw new Error('the refunds backend is down'); } };
    await expect(runSaga([cannotUndo, kit.refund('credit-fay', 'fay', 3), ambiguous], { name: 'test.crash', key: 'pivot-ambiguous', runtime: h.runtime })).rejects.toThrow();
    expect([await h.balance('erin'), await h.balance('fay'), await kit.status('pivot-ambiguous')]).toEqual([5, 0, 'compensation_failed']);
    const [recovery] = await recover();
    expect(recovery).toMatchObject({ key: 'pivot-ambiguous', status: 'needs_operator', compensations: [] });
    expect(await kit.status('pivot-ambiguous')).toBe('needs_operator');
    expect([await h.balance('erin'), await h.balance('fay')]).toEqual([5, 0]); // recovery changed nothing
    const [row] = await h.runtime.db.query<{ error: string }>(`SELECT error FROM ${h.runtime.schema}.sagas WHERE key = 'pivot-ambiguous'`);
    expect(JSON.parse(row!.error).message).toMatch(/its last step reverse cannot be undone and took effect, but the run had already undone credit-fay \(and failed to undo credit-erin\): redo those or undo reverse by hand/);
  });

  it('leaves to an operator a saga whose last step, marked irreversible without a kept call, started and never reported back', async () => {
    const ship: SagaStep = { name: 'ship', irreversible: 'a shipped parcel cannot be recalled', run: () => new Promise(() => undefined) };
    await kit.crash([kit.refund('credit', 'fay', 2), ship], 'plain-pivot');
    clock += 10 * 60_000;
    const [recovery] = await recover();
    expect(recovery).toMatchObject({ key: 'plain-pivot', status: 'needs_operator', compensations: [] });
    expect(await h.balance('fay')).toBe(2); // not undone: the parcel may have shipped
  });

  it('leaves to an operator, instead of failing every recovery, a saga whose last step is on a system recovery was not given', async () => {
    const pivot = await pivotOn('p4', 'dave');
    const elsewhere = toolStep({ runtime: h.runtime, system: 'payments', tools: refundTools, backend: h.backend, principal: principals.service, name: 'reverse', tool: 'reverse_refund', input: pivot.recovery!.call!.input });
    await kit.crash([kit.refund('credit', 'fay', 1), { ...elsewhere, run: () => new Promise(() => undefined) }], 'pivot-unknown-system');
    clock += 10 * 60_000;
    const [recovery] = await recover();
    expect(recovery).toMatchObject({ key: 'pivot-unknown-system', status: 'needs_operator' });
    expect(await recover()).toEqual([]); // settled: later runs do not trip on it
  });
});
