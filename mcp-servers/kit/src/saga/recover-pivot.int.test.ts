import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openPostgresDatabase } from '../db/postgres-database.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { issueRefund, refundTools, reverseRefund } from '../testing/refunds-system.ts';
import { testPostgresUrl } from '../testing/test-database.ts';
import type { BackendFactory } from '../tool.ts';
import { crashKit } from './crashed-saga.ts';
import { recoverSagas } from './recover-sagas.ts';
import { runSaga } from './run-saga.ts';
import { toolStep } from './tool-step.ts';

/** A saga's last step, one nothing undoes, still in flight in a stalled process when a recovery runs (PostgreSQL: two connections at once). */
describe.skipIf(!testPostgresUrl())('recovering a saga whose last step is in flight in a stalled process', { timeout: 60_000 }, () => {
  let db: Database;
  let h: KitHarness;
  let clock = Date.parse('2026-03-01T09:00:00Z');
  beforeAll(async () => {
    db = await openPostgresDatabase(testPostgresUrl()!, { max: 6 });
    h = await kitHarness(db, { now: () => new Date(clock) });
    await db.query(`INSERT INTO ${h.schema}.wallets VALUES ('carol', 0), ('dave', 0), ('erin', 0)`);
  });
  afterAll(async () => {
    await h.cleanup();
    await db.close();
  });
  const recover = (callWaitMs?: number) => recoverSagas(h.runtime, { olderThan: 5 * 60_000, compensations: { systems: [{ system: 'refunds', tools: refundTools, backend: h.backend }] }, ...(callWaitMs ? { callWaitMs } : {}) });

  /** The refunds backend with `method` held inside its call's transaction until `release` (then failing, if asked). */
  function holdInside(method: 'refund' | 'reverse', fails = false) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inCall = new Promise<void>((resolve) => (entered = resolve));
    const backend: BackendFactory<ReturnType<typeof h.backend>> = (q) => {
      const b = h.backend(q);
      const original = b[method] as (...args: unknown[]) => Promise<unknown>;
      return { ...b, [method]: async (...args: unknown[]) => {
        entered();
        await released;
        if (fails) throw new Error('the payment provider timed out');
        return original(...args);
      } };
    };
    return { backend, inCall, release };
  }

  /** The saga: credit `customer` 7, then reverse carol's earlier refund of 50 — with the reversal held inside its transaction. */
  async function stalledSaga(key: string, customer: string, outcome: 'commits' | 'fails') {
    const earlier = (await h.runtime.invoke({ system: 'refunds', tool: issueRefund, input: { customer_id: 'carol', order_id: `#C-${key}`, amount: 50 }, principal: principals.service, idempotencyKey: `carol-${key}` }, h.backend)) as { refund_id: number };
    const { backend, inCall, release } = holdInside('reverse', outcome === 'fails');
    const pivot = toolStep({ runtime: h.runtime, system: 'refunds', tools: refundTools, backend, principal: principals.service, name: 'reverse', tool: 'reverse_refund', input: { refund_id: earlier.refund_id } });
    const run = runSaga([crashKit(h).refund('credit', customer, 7), pivot], { name: 'test.crash', key, runtime: h.runtime });
    run.catch(() => undefined);
    await inCall; // its key is claimed in its open transaction
    clock += 10 * 60_000; // and its process looks gone
    return { run, release };
  }

  it('waits for the call: when it commits, the saga is committed and the step before it stands', async () => {
    const { release } = await stalledSaga('stalled-commits', 'dave', 'commits');
    const recovering = recover();
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    expect(await recovering).toMatchObject([{ key: 'stalled-commits', status: 'committed', compensations: [] }]);
    expect([await h.balance('carol'), await h.balance('dave')]).toEqual([0, 7]); // the reversal and the credit both stand
  });

  it('waits for the call: when it fails, the steps before it are undone and the call can never take effect later', async () => {
    const { release } = await stalledSaga('stalled-fails', 'erin', 'fails');
    const recovering = recover();
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    expect(await recovering).toMatchObject([{ key: 'stalled-fails', status: 'rolled_back', compensations: [{ step: 'credit', outcome: 'ok' }] }]);
    expect([await h.balance('carol'), await h.balance('erin')]).toEqual([50, 0]);
    const [fence] = await db.query<{ args_hash: string }>(`SELECT args_hash FROM ${h.runtime.schema}.idempotency WHERE key = 'stalled-fails:reverse'`);
    expect(fence?.args_hash).toBe('fenced-by-saga-recovery');
    const late = h.runtime.invoke({ system: 'refunds', tool: reverseRefund, input: { refund_id: 1 }, principal: principals.service, idempotencyKey: 'stalled-fails:reverse' }, h.backend);
    await expect(late).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('was settled by saga recovery as a step that never took effect') });
  });

  it('settles an ordinary last step still open before undoing anything: left for the next run, and a retry of the key answers UNAVAILABLE', async () => {
    const { backend, inCall, release } = holdInside('refund');
    const second = toolStep({ runtime: h.runtime, system: 'refunds', tools: refundTools, backend, principal: principals.service, name: 'second', tool: 'issue_refund', input: { customer_id: 'erin', order_id: '#E2', amount: 2 } });
    const run = runSaga([crashKit(h).refund('first', 'erin', 1), second], { name: 'test.crash', key: 'stalled-ordinary', runtime: h.runtime });
    run.catch(() => undefined);
    await inCall; // the second step's call holds its key and erin's wallet row in its open transaction
    clock += 10 * 60_000;
    const started = Date.now();
    expect(await recover(200)).toMatchObject([{ key: 'stalled-ordinary', status: 'compensation_failed', compensations: [] }]);
    expect(Date.now() - started).toBeLessThan(5000); // not stuck behind the open transaction's row lock
    await expect(runSaga([crashKit(h).refund('first', 'erin', 1)], { name: 'test.crash', key: 'stalled-ordinary', runtime: h.runtime })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    release();
    await run.catch(() => undefined);
    clock += 10 * 60_000;
    expect(await recover()).toMatchObject([{ key: 'stalled-ordinary', status: 'rolled_back' }]); // the next run undoes both
    expect(await h.balance('erin')).toBe(0);
  });

  it('does not wait long for a call that stays open: the saga is left for the next run, undoing nothing yet', async () => {
    const { run, release } = await stalledSaga('stalled-long', 'dave', 'commits');
    expect(await recover(200)).toMatchObject([{ key: 'stalled-long', status: 'compensation_failed', compensations: [] }]);
    expect(await h.balance('dave')).toBe(14); // this saga's credit of 7 stands for now
    release();
    await run.catch(() => undefined);
    clock += 10 * 60_000;
    expect(await recover()).toMatchObject([{ key: 'stalled-long', status: 'committed' }]); // the next run settles it
    expect(await h.balance('dave')).toBe(14);
  });
});
