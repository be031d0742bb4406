import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
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
    await h.runtime.db.query(`INSERT INTO ${h.schema}.wallets VALUES ('carol', 0), ('dave', 0)`);
    kit = crashKit(h);
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());
  const recover = () => recoverSagas(h.runtime, { olderThan: 5 * 60_000, compensations: { systems: [{ system: 'refunds', tools: refundTools, backend: h.backend }] } });
  /** carol's earlier refund of 50, and the saga's last step reversing it. */
  const pivotOn = async (key: string) => {
    const earlier = (await h.runtime.invoke({ system: 'refunds', tool: issueRefund, input: { customer_id: 'carol', order_id: `#C-${key}`, amount: 50 }, principal: principals.service, idempotencyKey: `carol-${key}` }, h.backend)) as { refund_id: number };
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
});
