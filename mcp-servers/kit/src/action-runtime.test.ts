import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argumentsHash } from './canonical-json.ts';
import { verifyLedger } from './ledger/verify-ledger.ts';
import { toolError } from './testing/connect-as.ts';
import { ADMISSION_MODES, kitHarness, principals, type KitHarness } from './testing/kit-harness.ts';
import { sharedPglite, DATABASE_START_TIMEOUT_MS } from './testing/test-database.ts';

const { alice, bob, operator } = principals;

describe.each(ADMISSION_MODES)('action runtime: scope, idempotency, ledger (writes admitted at %s)', (admission) => {
  let h: KitHarness;
  beforeAll(async () => void (h = await kitHarness(await sharedPglite(), { admission })), DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  it('executes an allowed write once and records intent, decision and result in a verifiable ledger', async () => {
    const result = await h.call(alice, 'issue_refund', { customer_id: 'alice', order_id: '#W1', amount: 20, email: 'alice@example.com', idempotency_key: 'k-alice-1' });
    expect(result.structuredContent).toEqual({ refund_id: expect.any(Number), amount: 20 });
    expect(await h.balance('alice')).toBe(20);
    const entries = await h.runtime.ledger.find(h.runtime.db, { orderId: '#W1' });
    expect(entries.map((e) => e.kind)).toEqual(['intent', 'decision', 'result']);
    expect(entries[1]!.data).toMatchObject({ outcome: 'allow', explanation: 'allowed', policyVersion: h.runtime.policy.version });
    expect(JSON.stringify(entries)).not.toContain('alice@example.com');
    expect(entries[0]!.data.argsHash).toBe(argumentsHash('refunds', 'issue_refund', { customer_id: 'alice', order_id: '#W1', amount: 20, email: 'alice@example.com' }));
    expect((await verifyLedger(h.runtime.db, h.runtime.schema, h.runtime.ledger.signer.publicKeys)).ok).toBe(true);
  });

  it('replays the first result for a retried key and refuses the key with other arguments', async () => {
    const args = { customer_id: 'alice', order_id: '#W2', amount: 5, idempotency_key: 'k-alice-2' };
    const first = await h.call(alice, 'issue_refund', args);
    const again = await h.call(alice, 'issue_refund', args);
    expect(again.structuredContent).toEqual(first.structuredContent);
    const other = await h.call(alice, 'issue_refund', { ...args, amount: 6 });
    expect(toolError(other)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('idempotency key k-alice-2 was already used for a different call') });
    expect(await h.balance('alice')).toBe(25);
  });

  it("answers another customer's data exactly like data that does not exist, and changes nothing", async () => {
    const theirs = await h.call(bob, 'get_balance', { customer_id: 'alice' });
    const missing = await h.call(bob, 'get_balance', { customer_id: 'zed' });
    expect(toolError(theirs)?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(theirs.content).replace('alice', 'X')).toBe(JSON.stringify(missing.content).replace('zed', 'X'));
    const write = await h.call(bob, 'issue_refund', { customer_id: 'alice', order_id: '#W3', amount: 1 });
    const writeMissing = await h.call(bob, 'issue_refund', { customer_id: 'zed', order_id: '#W3', amount: 1 });
    expect(write.content).toEqual(writeMissing.content);
    expect(await h.balance('alice')).toBe(25);
  });

  it('refuses a principal without the write scope', async () => {
    const result = await h.call(operator, 'issue_refund', { customer_id: 'alice', order_id: '#W4', amount: 1 });
    expect(toolError(result)).toMatchObject({ code: 'FORBIDDEN', message: 'principal op:olga (operator) lacks the "refunds:write" scope' });
  });

  it('binds an agent conversation to the first customer it authenticates, durably', async () => {
    const agent = principals.agent('conv-1');
    expect(toolError(await h.call(agent, 'get_balance', { customer_id: 'alice' }))?.code).toBe('NOT_FOUND');
    expect((await h.call(agent, 'find_customer', { customer_id: 'alice' })).structuredContent).toEqual({ customer_id: 'alice' });
    expect((await h.call(agent, 'get_balance', { customer_id: 'alice' })).structuredContent).toMatchObject({ balance: 25 });
    expect(toolError(await h.call(agent, 'get_balance', { customer_id: 'bob' }))?.code).toBe('NOT_FOUND');
    expect(toolError(await h.call(agent, 'find_customer', { customer_id: 'bob' }))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('already bound to another customer') });
    const restarted = await kitHarness(h.runtime.db, { schema: h.runtime.schema, signer: h.runtime.ledger.signer });
    const rows = await h.runtime.db.query(`SELECT customer_id FROM ${h.runtime.schema}.conversation_bindings WHERE conversation_id = 'conv-1'`);
    expect(rows).toEqual([{ customer_id: 'alice' }]);
    await restarted.cleanup();
  });

  it('exposes calls, failures, decisions and latency as Prometheus metrics', async () => {
    const text = await h.runtime.metrics.registry.metrics();
    expect(text).toMatch(/commerce_tool_calls_total\{system="refunds",tool="issue_refund",outcome="ok"\} \d+/);
    expect(text).toMatch(/commerce_tool_calls_total\{system="refunds",tool="issue_refund",outcome="replay"\} 1/);
    expect(text).toMatch(/commerce_tool_failures_total\{system="refunds",tool="issue_refund",code="CONFLICT"\} 1/);
    expect(text).toMatch(/commerce_policy_decisions_total\{action="order.return",outcome="allow"\} \d+/);
    expect(text).toMatch(/commerce_tool_duration_seconds_count\{system="refunds",tool="get_balance",kind="read"\} \d+/);
    expect(text).toMatch(new RegExp(`commerce_write_admissions_total\\{at="${admission}",outcome="claimed"\\} \\d+`));
  });

  it("keeps one conversation's idempotency keys from another conversation of the same agent", async () => {
    const first = principals.agent('conv-keys-1');
    const second = principals.agent('conv-keys-2');
    await h.call(first, 'find_customer', { customer_id: 'alice' });
    await h.call(second, 'find_customer', { customer_id: 'bob' });
    const args = { customer_id: 'alice', order_id: '#W9', amount: 2, idempotency_key: 'k-shared-key' };
    const done = await h.call(first, 'issue_refund', args);
    expect(done.structuredContent).toMatchObject({ amount: 2 });
    // The same key from the conversation bound to bob is not a retry of alice's refund: it is refused like any call
    // naming a customer it may not see, and it does not read alice's result back.
    const other = await h.call(second, 'issue_refund', args);
    const missing = await h.call(second, 'issue_refund', { ...args, customer_id: 'zed' });
    expect(toolError(other)?.code).toBe('NOT_FOUND');
    expect(other.content).toEqual(missing.content);
    expect(JSON.stringify(other)).not.toContain(String((done.structuredContent as { refund_id: number }).refund_id));
    expect((await h.call(first, 'issue_refund', args)).structuredContent).toEqual(done.structuredContent);
  });
});
