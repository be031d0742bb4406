import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from './ledger/verify-ledger.ts';
import { toolError } from './testing/connect-as.ts';
import { ADMISSION_MODES, kitHarness, principals, type KitHarness } from './testing/kit-harness.ts';
import { refundTools } from './testing/refunds-system.ts';
import { sharedPostgres, testPostgresUrl, DATABASE_START_TIMEOUT_MS } from './testing/test-database.ts';

// Real concurrency: a pool of 20 PostgreSQL connections, not calls serialised in one process's engine.
describe.skipIf(!testPostgresUrl()).each(ADMISSION_MODES)('action runtime on PostgreSQL under concurrency (writes admitted at %s)', (admission) => {
  let h: KitHarness;
  beforeAll(async () => void (h = await kitHarness(await sharedPostgres(), { admission })), DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  it('turns 50 concurrent duplicates of one refund into exactly one effect and one answer', async () => {
    const issueRefund = refundTools.find((t) => t.name === 'issue_refund')!;
    const backend = h.backend;
    const call = () =>
      h.runtime.invoke({ system: 'refunds', tool: issueRefund, input: { customer_id: 'bob', order_id: '#W50', amount: 42.5 }, principal: principals.bob, idempotencyKey: 'dup-refund-50' }, backend);
    const results = await Promise.all(Array.from({ length: 50 }, call));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1); // replays return the first answer byte for byte
    expect(await h.refunds()).toBe(1);
    expect(await h.balance('bob')).toBe(42.5);
    const metrics = await h.runtime.metrics.registry.metrics();
    expect(metrics).toMatch(/commerce_tool_calls_total\{system="refunds",tool="issue_refund",outcome="replay"\} 49/);
  });

  it('keeps the ledger chain linear and the velocity limit exact under concurrent writes', async () => {
    const agent = principals.service;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: `#C${i}`, amount: 1, idempotency_key: `concurrent-${i}` })),
    );
    expect(results.filter((r) => toolError(r) === undefined)).toHaveLength(3);
    expect(results.filter((r) => toolError(r)?.code === 'POLICY_DENIED')).toHaveLength(7);
    expect(await h.balance('alice')).toBe(3);
    expect(await verifyLedger(h.runtime.db, h.runtime.schema, h.runtime.ledger.signer.publicKeys)).toMatchObject({ ok: true });
  });

  it('binds a conversation to one customer when two lookups for different customers race', async () => {
    for (let i = 0; i < 10; i += 1) {
      const agent = principals.agent(`race-${admission}-${i}`);
      const answers = await Promise.all(['alice', 'bob'].map((customer_id) => h.call(agent, 'find_customer', { customer_id })));
      const succeeded = answers.filter((a) => toolError(a) === undefined);
      expect(succeeded).toHaveLength(1);
      expect(toolError(answers.find((a) => toolError(a) !== undefined)!)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('already bound') });
      const winner = (succeeded[0]!.structuredContent as { customer_id: string }).customer_id;
      const rows = await h.runtime.db.query(`SELECT customer_id FROM ${h.runtime.schema}.conversation_bindings WHERE conversation_id = $1`, [`race-${admission}-${i}`]);
      expect(rows).toEqual([{ customer_id: winner }]);
    }
  });
});
