import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../ledger/verify-ledger.ts';
import { toolError } from '../testing/connect-as.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { issueRefund, refundsBackend, reverseRefund } from '../testing/refunds-system.ts';
import { sharedPglite, testEngines, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';
import { createActionRuntime, type KitRuntime } from '../action-runtime.ts';
import type { Database } from '../db/database.ts';
import { defineTool, isTransactionalBackend, transactionalBackend } from '../tool.ts';

const { service } = principals;
const admissions = async (h: KitHarness) => (await h.runtime.metrics.registry.getSingleMetric('commerce_write_admissions_total')!.get()).values.map((v) => `${v.labels.at}/${v.labels.outcome}=${v.value}`).sort();
const kinds = async (h: KitHarness, orderId: string) => (await h.runtime.ledger.find(h.runtime.db, { orderId })).map((e) => e.kind);

describe('writes admitted at commit (idempotency key and velocity count written with the ledger append)', () => {
  let h: KitHarness;
  beforeAll(async () => void (h = await kitHarness(await sharedPglite(), { admission: 'commit' })), DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  it('is chosen only for a tool whose effects are all on a backend declared transactional', () => {
    expect(isTransactionalBackend(h.backend)).toBe(true);
    expect(isTransactionalBackend(refundsBackend(h.schema))).toBe(false);
    expect(isTransactionalBackend(transactionalBackend(refundsBackend(h.schema)))).toBe(true);
    expect(issueRefund.effects).toBe('backend');
    expect(reverseRefund.effects).toBeUndefined();
  });

  it('admits an allowed write in the ledger statement, and a retry after commit runs the handler again, rolls it back and replays', async () => {
    const args = { customer_id: 'bob', order_id: '#A1', amount: 10, idempotency_key: 'commit-1' };
    const first = await h.call(service, 'issue_refund', args);
    expect(toolError(first)).toBeUndefined();
    expect(await admissions(h)).toEqual(['commit/claimed=1']);
    const again = await h.call(service, 'issue_refund', args);
    expect(again.structuredContent).toEqual(first.structuredContent);
    expect(await admissions(h)).toEqual(['commit/claimed=1', 'commit/replay=1']);
    expect(await h.balance('bob')).toBe(10);
    expect(await h.refunds()).toBe(1);
    // The rolled-back second run left nothing: one call's intent, decision and result.
    expect(await kinds(h, '#A1')).toEqual(['intent', 'decision', 'result']);
    const conflict = await h.call(service, 'issue_refund', { ...args, amount: 11 });
    expect(toolError(conflict)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('idempotency key commit-1 was already used for a different call') });
    expect(await kinds(h, '#A1')).toEqual(['intent', 'decision', 'result', 'intent', 'error']);
    expect(await h.balance('bob')).toBe(10);
  });

  it('rolls back a write that went over its velocity limit and decides it again with the count, exactly as when admitted first', async () => {
    for (let i = 0; i < 3; i++) expect(toolError(await h.call(service, 'issue_refund', { customer_id: 'alice', order_id: `#V${i}`, amount: 1, idempotency_key: `velocity-${i}` }))).toBeUndefined();
    const fourth = await h.call(service, 'issue_refund', { customer_id: 'alice', order_id: '#V3', amount: 1, idempotency_key: 'velocity-3' });
    expect(toolError(fourth)).toMatchObject({ code: 'POLICY_DENIED', message: 'issue_refund is denied because customer alice already had 3 order.return in the last 30 days (limit 3)' });
    expect(await admissions(h)).toContain('commit/over_velocity=1');
    expect(await admissions(h)).toContain('start/claimed=1');
    expect(await h.balance('alice')).toBe(3);
    // The first run (rolled back) left no trace; the second recorded the refusal with its decision.
    const entries = await h.runtime.ledger.find(h.runtime.db, { orderId: '#V3' });
    expect(entries.map((e) => e.kind)).toEqual(['intent', 'decision', 'error']);
    expect(entries[1]!.data).toMatchObject({ outcome: 'deny' });
    // Its key is free: nothing was stored for a refused call.
    const [key] = await h.runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${h.runtime.schema}.idempotency WHERE key = 'velocity-3'`);
    expect(key!.n).toBe(0);
  });

  it('admits first a write the policy does not simply allow (approval), so the request sees its velocity count', async () => {
    const big = await h.call(service, 'issue_refund', { customer_id: 'bob', order_id: '#A2', amount: 300, idempotency_key: 'commit-big' });
    expect(toolError(big)).toMatchObject({ code: 'APPROVAL_REQUIRED', message: expect.stringContaining('needs approval because refund 300.00 > 250.00') });
    expect(await admissions(h)).toContain('start/claimed=2');
    expect(await h.balance('bob')).toBe(10);
    expect(await verifyLedger(h.runtime.db, h.runtime.schema, h.runtime.ledger.signer.publicKeys)).toMatchObject({ ok: true });
  });
});

describe.each(testEngines())('a write admitted at commit whose guessed ledger head another process moved: $name', ({ open }) => {
  let db: Database;
  let h: KitHarness;
  beforeAll(async () => {
    db = await open();
    h = await kitHarness(db, { admission: 'commit' });
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  it('is rolled back by its own last statement and run once more on a locked head: one effect, one call in the ledger', async () => {
    // Another process: its own runtime (and knowledge of the chain heads) on the same kit schema and ledger key.
    const other = createActionRuntime({ db, schema: h.runtime.schema, policy: h.runtime.policy, signer: h.runtime.ledger.signer });
    const refund = (runtime: KitRuntime, key: string, orderId: string) =>
      runtime.invoke({ system: 'refunds', tool: issueRefund, input: { customer_id: 'bob', order_id: orderId, amount: 1 }, principal: service, idempotencyKey: key }, h.backend);
    await refund(h.runtime, 'stale-1', '#S1'); // learns chain 1's head
    await refund(other, 'stale-2', '#S2'); // moves it
    expect(await refund(h.runtime, 'stale-3', '#S3')).toMatchObject({ amount: 1 }); // guessed the old head: raised, ran again
    expect(await admissions(h)).toEqual(['commit/claimed=2', 'commit/stale_head=1']); // this process's calls
    const appends = (await h.runtime.metrics.registry.getSingleMetric('commerce_ledger_appends_total')!.get()).values.map((v) => `${v.labels.path}=${v.value}`).sort();
    expect(appends).toEqual(['locked=2', 'stale_guess=1']);
    expect(await h.balance('bob')).toBe(3);
    expect(await h.refunds()).toBe(3);
    expect(await kinds(h, '#S3')).toEqual(['intent', 'decision', 'result']);
    expect(await verifyLedger(db, h.runtime.schema, h.runtime.ledger.signer.publicKeys)).toMatchObject({ ok: true, entries: 9 });
  });
});

describe('a write PostgreSQL rolled back for a deadlock or a serialization failure', () => {
  let h: KitHarness;
  beforeAll(async () => void (h = await kitHarness(await sharedPglite(), { admission: 'commit' })), DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  it.each([['40P01', 'deadlocked with'], ['40001', 'could not be serialized after']])('answers %s as UNAVAILABLE, safe to retry with the same key, and records it', async (code, words) => {
    const losing = defineTool({
      ...issueRefund,
      async handler(input, ctx) {
        await ctx.backend.refund(input.customer_id, input.order_id, input.amount);
        throw Object.assign(new Error('simulated'), { code });
      },
    });
    const call = { system: 'refunds', tool: losing, input: { customer_id: 'bob', order_id: `#D${code}`, amount: 2 }, principal: service, idempotencyKey: `deadlock-${code}` };
    await expect(h.runtime.invoke(call, h.backend)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining(`the write ${words} a concurrent one and was rolled back`) });
    expect(await h.balance('bob')).toBe(0);
    expect(await kinds(h, `#D${code}`)).toEqual(['intent', 'decision', 'error']);
    // The retry (here with the real handler) executes once.
    expect(await h.runtime.invoke({ ...call, tool: issueRefund }, h.backend)).toMatchObject({ amount: 2 });
    expect(await h.balance('bob')).toBe(2);
    await h.runtime.db.exec(`UPDATE ${h.schema}.wallets SET balance = 0 WHERE customer_id = 'bob'`);
  });
});
