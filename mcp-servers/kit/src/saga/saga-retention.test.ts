import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommerceError } from '../errors.ts';
import { startKeyRetention } from '../idempotency/key-retention.ts';
import { createLogger } from '../telemetry/logger.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { refundTools } from '../testing/refunds-system.ts';
import { sharedPglite, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';
import { runSaga, type SagaStep } from './run-saga.ts';
import { crashKit, until } from './crashed-saga.ts';
import { recoverSagas } from './recover-sagas.ts';
import { toolStep } from './tool-step.ts';

describe('saga retention', () => {
  let h: KitHarness;
  let now = new Date('2026-04-01T12:00:00Z');
  beforeAll(async () => {
    h = await kitHarness(await sharedPglite(), { now: () => now });
    // One customer per refund: the test policy allows 3 refunds a customer in 30 days.
    await h.runtime.db.query(`INSERT INTO ${h.schema}.wallets SELECT 'k' || g, 0 FROM generate_series(1, 20) g`);
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());
  const refund = (name: string, customer: string, amount: number) =>
    toolStep({ runtime: h.runtime, system: 'refunds', tools: refundTools, backend: h.backend, principal: principals.service, name, tool: 'issue_refund', input: { customer_id: customer, order_id: `#K-${name}`, amount } });
  const declined: SagaStep = { name: 'charge', run: async () => { throw new CommerceError('FAILED_PRECONDITION', 'declined'); } };
  const total = async () => Number((await h.runtime.db.query<{ t: string }>(`SELECT sum(balance)::text AS t FROM ${h.schema}.wallets`))[0]!.t);
  const sagas = async () => (await h.runtime.db.query<{ key: string; status: string }>(`SELECT key, status FROM ${h.runtime.schema}.sagas ORDER BY key`)).map((r) => `${r.key} ${r.status}`);
  const stepsOf = async (key: string) => (await h.runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${h.runtime.schema}.saga_steps WHERE key = $1`, [key]))[0]!.n;

  it('forgets sagas that ended before the retention with their steps, keeps newer ones and those needing attention', async () => {
    await runSaga([refund('a', 'k1', 1)], { name: 'test.keep', key: 'old-committed', runtime: h.runtime });
    await expect(runSaga([refund('a', 'k2', 2), declined], { name: 'test.keep', key: 'old-rolled-back', runtime: h.runtime })).rejects.toThrow('declined');
    await runSaga([refund('a', 'k3', 4)], { name: 'test.keep', key: 'old-for-operator', runtime: h.runtime });
    await h.runtime.db.query(`UPDATE ${h.runtime.schema}.sagas SET status = 'needs_operator' WHERE key = 'old-for-operator'`);
    now = new Date('2026-04-25T12:00:00Z');
    await runSaga([refund('a', 'k4', 8)], { name: 'test.keep', key: 'new-committed', runtime: h.runtime });
    expect(await total()).toBe(13);
    now = new Date('2026-05-05T12:00:00Z'); // 34 days after the first three, 10 after the last

    expect(await stepsOf('old-rolled-back')).toBe(2); // a committed saga's steps go when it commits; a rolled-back one's stay
    const retention = startKeyRetention(h.runtime, 30, createLogger({ level: 'silent' }));
    await retention.stop(); // waits for the first prune
    expect(await sagas()).toEqual(['new-committed committed', 'old-for-operator needs_operator']);
    expect([await stepsOf('old-committed'), await stepsOf('old-rolled-back'), await stepsOf('old-for-operator'), await stepsOf('new-committed')]).toEqual([0, 0, 0, 0]);

    // A forgotten saga's step keys were forgotten with it: running its key again is a new saga.
    await runSaga([refund('a', 'k1', 1)], { name: 'test.keep', key: 'old-committed', runtime: h.runtime });
    await runSaga([refund('a', 'k4', 8)], { name: 'test.keep', key: 'new-committed', runtime: h.runtime }); // still a replay
    expect(await total()).toBe(14);
  });

  it('prunes in batches until nothing older is left', async () => {
    for (let i = 0; i < 5; i += 1) await runSaga([refund(`b${i}`, `k${10 + i}`, 1)], { name: 'test.batch', key: `batch-${i}`, runtime: h.runtime });
    now = new Date('2026-07-01T12:00:00Z');
    expect(await h.runtime.pruneFinishedSagas(new Date('2026-06-01T00:00:00Z'))).toBe(7); // 5 + the two committed above
    expect(await sagas()).toEqual(['old-for-operator needs_operator']);
  });

  it("keeps the keys of a crashed saga's steps until recovery has finished it, so recovery still sees what they did", async () => {
    const kit = crashKit(h);
    const wallet = async () => Number((await h.runtime.db.query<{ b: string }>(`SELECT balance::text AS b FROM ${h.schema}.wallets WHERE customer_id = 'k20'`))[0]!.b);
    const keyKept = async (key: string) => (await h.runtime.db.query(`SELECT 1 FROM ${h.runtime.schema}.idempotency WHERE key = $1`, [key])).length === 1;
    now = new Date('2026-08-01T12:00:00Z');
    // The process stops right after the step's call committed, before its end was recorded: recovery can only learn
    // what it did from the committed result under its key.
    const credit = kit.refund('credit', 'k20', 3);
    await kit.crash([{ ...credit, run: async (ctx) => { await credit.run(ctx); return new Promise(() => undefined); } }], 'crashed-long-ago');
    await until(async () => (await wallet()) === 3);
    expect(await keyKept('crashed-long-ago:credit')).toBe(true);
    now = new Date('2026-09-10T12:00:00Z'); // 40 days on: the key is past the retention, its saga still unfinished
    await h.runtime.pruneIdempotencyKeys(new Date('2026-08-11T12:00:00Z'));
    expect(await keyKept('crashed-long-ago:credit')).toBe(true);
    const [recovered] = await recoverSagas(h.runtime, { olderThan: 60_000, compensations: { systems: [{ system: 'refunds', tools: refundTools, backend: h.backend }] } });
    expect(recovered).toMatchObject({ key: 'crashed-long-ago', status: 'rolled_back', compensations: [{ step: 'credit', outcome: 'ok' }] });
    expect(await wallet()).toBe(0); // undone: recovery read the step's result by its key (its end was never recorded)
    await h.runtime.pruneIdempotencyKeys(new Date('2026-08-11T12:00:00Z'));
    expect(await keyKept('crashed-long-ago:credit')).toBe(false); // finished: the key goes like any other
  });
});
