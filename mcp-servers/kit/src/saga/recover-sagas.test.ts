import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommerceError } from '../errors.ts';
import { kitHarness, type KitHarness } from '../testing/kit-harness.ts';
import { refundTools } from '../testing/refunds-system.ts';
import { DATABASE_START_TIMEOUT_MS, sharedPglite } from '../testing/test-database.ts';
import type { SagaCompensations } from './compensation-recipe.ts';
import { crashKit, until } from './crashed-saga.ts';
import { recoverSagas } from './recover-sagas.ts';
import { startSagaRecovery } from './saga-recovery-loop.ts';
import { runSaga, type SagaStep } from './run-saga.ts';

describe('recoverSagas', () => {
  let h: KitHarness;
  let kit: ReturnType<typeof crashKit>;
  let clock = Date.parse('2025-03-01T09:00:00Z');
  const minutes = (n: number) => { clock += n * 60_000; };
  let compensations: SagaCompensations;
  const released: string[] = [];
  let holdsDown = false;
  beforeAll(async () => {
    h = await kitHarness(await sharedPglite(), { now: () => new Date(clock) });
    await h.runtime.db.query(`INSERT INTO ${h.schema}.wallets VALUES ('carol', 0), ('dave', 0), ('erin', 0), ('fay', 0)`); // velocity: 3 refunds a customer
    kit = crashKit(h);
    compensations = {
      systems: [{ system: 'refunds', tools: refundTools, backend: h.backend }],
      handlers: {
        release_hold: async (args, { idempotencyKey }) => {
          if (holdsDown) throw new Error('the holds service is down');
          released.push(`${(args as { hold: string }).hold} ${idempotencyKey}`);
        },
      },
    };
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());
  const recover = () => recoverSagas(h.runtime, { olderThan: 5 * 60_000, compensations });

  it('leaves a saga alone while it makes progress, then undoes the steps of one whose process stopped, in reverse, once', async () => {
    const charge = kit.hang();
    const { running } = await kit.crash([kit.refund('first', 'alice', 10), kit.refund('second', 'bob', 20), charge.step], 'crash-1');
    minutes(1);
    expect(await recover()).toEqual([]); // progress a minute ago: still running
    expect([await h.balance('alice'), await h.balance('bob')]).toEqual([10, 20]);

    minutes(10);
    const [recovery, ...others] = await recover();
    expect(others).toEqual([]);
    expect(recovery).toMatchObject({ key: 'crash-1', from: 'running', status: 'rolled_back', compensations: [{ step: 'second', outcome: 'ok' }, { step: 'first', outcome: 'ok' }] });
    expect([await h.balance('alice'), await h.balance('bob')]).toEqual([0, 0]);
    expect(await kit.compensations('crash-1')).toMatchObject([
      { step: 'second', outcome: 'ok', recovered: true, idempotencyKey: 'crash-1:second:compensate' },
      { step: 'first', outcome: 'ok', recovered: true, idempotencyKey: 'crash-1:first:compensate' },
    ]);
    expect(await kit.status('crash-1')).toBe('rolled_back');

    minutes(10);
    expect(await recover()).toEqual([]); // nothing left: each step was undone once
    expect(await kit.compensations('crash-1')).toHaveLength(2);
    expect([await h.balance('alice'), await h.balance('bob')]).toEqual([0, 0]);

    // The stopped run wakes up: it finds its saga taken over and goes no further.
    charge.release();
    await expect(running).rejects.toMatchObject({ code: 'UNAVAILABLE', details: { saga: { takenOverBy: 'recovery' } } });
    expect(await kit.status('crash-1')).toBe('rolled_back');
  });

  it("undoes a tool step whose process stopped after its call committed but before the step's end was recorded", async () => {
    const inner = kit.refund('credit', 'carol', 7);
    const stopsAfterTheCall: SagaStep<Record<string, unknown>> = { ...inner, run: async (ctx) => { await inner.run(ctx); return new Promise(() => undefined); } };
    await kit.crash([kit.refund('first', 'dave', 3), stopsAfterTheCall], 'crash-2');
    await until(async () => (await h.balance('carol')) === 7); // the call commits, the step never ends
    minutes(10);
    const [recovery] = await recover();
    expect(recovery).toMatchObject({ status: 'rolled_back', compensations: [{ step: 'credit', outcome: 'ok' }, { step: 'first', outcome: 'ok' }] });
    expect([await h.balance('carol'), await h.balance('dave')]).toEqual([0, 0]);
  });

  it('retries a compensation that failed on the next recovery, without undoing the others again', async () => {
    const hold: SagaStep<string> = {
      name: 'hold', run: async () => 'hold-9', compensate: async () => undefined,
      recovery: { undo: (id) => ({ handler: 'release_hold', args: { hold: id } }) },
    };
    const charge = kit.hang();
    await kit.crash([kit.refund('first', 'erin', 4), hold, charge.step], 'crash-3');
    minutes(10);
    holdsDown = true;
    const [first] = await recover();
    expect(first).toMatchObject({ status: 'compensation_failed', compensations: [{ step: 'hold', outcome: 'failed', error: 'the holds service is down' }, { step: 'first', outcome: 'ok' }] });
    expect(await kit.status('crash-3')).toBe('compensation_failed');
    await expect(runSaga([hold], { name: 'test.crash', key: 'crash-3', runtime: h.runtime })).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('hold could not be undone') });

    holdsDown = false;
    const [second] = await recover();
    expect(second).toMatchObject({ from: 'compensation_failed', status: 'rolled_back', compensations: [{ step: 'hold', outcome: 'ok' }] });
    expect(released).toEqual(['hold-9 crash-3:hold:compensate']);
    expect((await kit.compensations('crash-3')).map((c) => `${c.step} ${c.outcome}`)).toEqual(['hold failed', 'first ok', 'hold ok']);
    expect(await h.balance('erin')).toBe(0);
  });

  it('leaves a step undone only by a closure to an operator, undoing the rest, and a re-run answers that', async () => {
    const closure: SagaStep<number> = { name: 'notify', run: async () => 1, compensate: async () => undefined };
    await kit.crash([kit.refund('first', 'fay', 5), closure, kit.hang().step], 'crash-4');
    minutes(10);
    const [recovery] = await recover();
    expect(recovery).toMatchObject({ status: 'needs_operator', compensations: [{ step: 'notify', outcome: 'needs_operator', note: expect.stringContaining('undo it by hand') }, { step: 'first', outcome: 'ok' }] });
    expect(await h.balance('fay')).toBe(0);
    expect(await recover()).toEqual([]); // not retried: nothing a recovery can do
    await expect(runSaga([closure], { name: 'test.crash', key: 'crash-4', runtime: h.runtime }))
      .rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('notify could not be undone; an operator must reconcile') });
  });

  it('retries a rollback the live run could not finish (a compensation failed)', async () => {
    let down = true;
    const hold: SagaStep<string> = {
      name: 'hold', run: async () => 'hold-7',
      compensate: async () => { if (down) throw new Error('the holds service is down'); },
      recovery: { undo: (id) => ({ handler: 'release_hold', args: { hold: id } }) },
    };
    const declined: SagaStep = { name: 'charge', run: async () => { throw new CommerceError('FAILED_PRECONDITION', 'the card was declined'); } };
    await expect(runSaga([hold, declined], { name: 'test.live', key: 'live-1', runtime: h.runtime })).rejects.toMatchObject({ code: 'INTERNAL' });
    down = false;
    const [recovery] = await recover();
    expect(recovery).toMatchObject({ key: 'live-1', from: 'compensation_failed', status: 'rolled_back', compensations: [{ step: 'hold', outcome: 'ok' }] });
    expect(released).toContain('hold-7 live-1:hold:compensate');
  });

  it('a run that was only slow cannot take effect after a recovery rolled its attempt back: recovery fenced its step key, even once a later attempt committed', async () => {
    await h.runtime.db.query(`INSERT INTO ${h.schema}.wallets VALUES ('gus', 0), ('hal', 0)`);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    const inner = kit.refund('second', 'hal', 20);
    const slow: SagaStep<Record<string, unknown>> = { ...inner, run: async (ctx) => { await gate; return inner.run(ctx); } };
    const { running: stale } = await kit.crash([kit.refund('first', 'gus', 10), slow], 'slow-1');
    minutes(10);
    expect(await recover()).toMatchObject([{ key: 'slow-1', status: 'rolled_back', compensations: [{ step: 'second', outcome: 'skipped' }, { step: 'first', outcome: 'ok' }] }]);

    // The client retries the key: attempt 2 runs under new keys and commits.
    await runSaga([kit.refund('first', 'gus', 10), kit.refund('second', 'hal', 20)], { name: 'test.crash', key: 'slow-1', runtime: h.runtime });
    expect([await h.balance('gus'), await h.balance('hal')]).toEqual([10, 20]);
    expect(await kit.status('slow-1')).toBe('committed');

    // Attempt 1's step now makes its call: its key was fenced by the recovery, so the call is refused and changes
    // nothing; the run finds its saga taken over and has nothing to undo.
    open();
    await expect(stale).rejects.toMatchObject({ code: 'UNAVAILABLE', details: { saga: { attempt: 1, takenOverBy: 'recovery', compensations: [] } } });
    expect([await h.balance('gus'), await h.balance('hal')]).toEqual([10, 20]);
    expect(await kit.status('slow-1')).toBe('committed');
  });

  it('a re-run of a committed key replays without reopening it, so a recovery finds nothing to undo when the re-run stops', async () => {
    await h.runtime.db.query(`INSERT INTO ${h.schema}.wallets VALUES ('ida', 0), ('jon', 0)`);
    const steps = () => [kit.refund('first', 'ida', 10), kit.refund('second', 'jon', 20)];
    const first = await runSaga(steps(), { name: 'test.crash', key: 'done-1', runtime: h.runtime });
    expect([await h.balance('ida'), await h.balance('jon')]).toEqual([10, 20]);

    // A retry (its response was lost) whose process stops in its replay of the second step.
    const [replayed, inner] = steps();
    let reached = false;
    let release!: () => void;
    const resume = new Promise<void>((resolve) => { release = resolve; });
    const stops: SagaStep<Record<string, unknown>> = { ...inner!, run: async (ctx) => { reached = true; await resume; return inner!.run(ctx); } };
    const retry = runSaga([replayed!, stops], { name: 'test.crash', key: 'done-1', runtime: h.runtime });
    await until(async () => reached);
    expect(await kit.status('done-1')).toBe('committed');
    minutes(10);
    expect(await recover()).toEqual([]);
    expect([await h.balance('ida'), await h.balance('jon')]).toEqual([10, 20]);

    // Let go, it answers the committed results; a replay step that fails undoes nothing either.
    release();
    expect(await retry).toEqual(first);
    const declined: SagaStep = { name: 'second', run: async () => { throw new CommerceError('UNAVAILABLE', 'the refunds service is down'); } };
    await expect(runSaga([kit.refund('first', 'ida', 10), declined], { name: 'test.crash', key: 'done-1', runtime: h.runtime }))
      .rejects.toMatchObject({ code: 'UNAVAILABLE', details: { saga: { replayed: true, rolledBack: false, compensations: [] } } });
    expect([await h.balance('ida'), await h.balance('jon')]).toEqual([10, 20]);
    expect(await kit.status('done-1')).toBe('committed');
    expect(await kit.compensations('done-1')).toEqual([]);
  });

  it('runs on its own at start and every interval until stopped', async () => {
    await kit.crash([kit.refund('first', 'alice', 2), kit.hang().step], 'loop-1');
    minutes(10);
    const seen: string[] = [];
    const loop = startSagaRecovery(h.runtime, { olderThan: 5 * 60_000, compensations, everyMs: 50, onRecovered: (r) => seen.push(...r.map((x) => x.key)) });
    await until(async () => (await kit.status('loop-1')) === 'rolled_back');
    await loop.stop();
    expect(seen).toEqual(['loop-1']);
    expect(await h.balance('alice')).toBe(0);
  });
});
