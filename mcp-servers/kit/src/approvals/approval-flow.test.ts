import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argumentsHash } from '../canonical-json.ts';
import type { ApprovalRequest } from './approval.ts';
import { toolError } from '../testing/connect-as.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { testPolicy } from '../testing/refunds-system.ts';
import { sharedPglite, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';

const agent = principals.agent('conv-approvals');
const { operator } = principals;
let clock = new Date('2026-11-28T10:00:00Z');

async function requestRefund(h: KitHarness, amount: number, key: string): Promise<ApprovalRequest> {
  const result = await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount, idempotency_key: key });
  const error = toolError(result);
  expect(error?.code).toBe('APPROVAL_REQUIRED');
  return error!.details!.approval as ApprovalRequest;
}

describe('approvals', () => {
  let h: KitHarness;
  beforeAll(async () => {
    h = await kitHarness(await sharedPglite(), { now: () => clock });
    await h.call(agent, 'find_customer', { customer_id: 'alice' });
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  it('asks for approval above the threshold, explains why, binds the request to the argument hash, changes nothing', async () => {
    const result = await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount: 412.5, idempotency_key: 'refund-9' });
    const error = toolError(result)!;
    expect(error.message).toContain('needs approval because refund 412.50 > 250.00');
    const approval = error.details!.approval as ApprovalRequest;
    expect(approval).toMatchObject({
      status: 'pending', principalId: 'agent:support', conversationId: 'conv-approvals', customerId: 'alice', amount: 412.5,
      policyVersion: h.runtime.policy.version, argsHash: argumentsHash('refunds', 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount: 412.5 }),
    });
    expect(Date.parse(approval.expiresAt) - clock.getTime()).toBe(30 * 60_000);
    expect(await h.balance('alice')).toBe(0);
    expect((await h.runtime.approvals.list({ status: 'pending' })).map((a) => a.id)).toContain(approval.id);
    // Retried while waiting (any key): the same request, not a second one in the operators' queue.
    const again = toolError(await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount: 412.5, idempotency_key: 'refund-9-again' }))!;
    expect((again.details!.approval as ApprovalRequest).id).toBe(approval.id);
    expect((await h.runtime.approvals.list({ status: 'pending' })).filter((a) => a.argsHash === approval.argsHash)).toHaveLength(1);
    const other = toolError(await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount: 412.75, idempotency_key: 'refund-9-other' }))!;
    expect((other.details!.approval as ApprovalRequest).id).not.toBe(approval.id);
  });

  it('executes the approved call once; edited arguments and a second use are refused', async () => {
    const approval = await requestRefund(h, 300, 'refund-10');
    const pending = await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount: 300, approval_id: approval.id, idempotency_key: 'refund-10' });
    expect(toolError(pending)).toMatchObject({ code: 'APPROVAL_REQUIRED', message: expect.stringContaining('still pending') });
    await expect(h.runtime.approvals.approve(approval.id, { ...operator, scopes: [] })).rejects.toThrow(/approvals:resolve/);
    await h.runtime.approvals.approve(approval.id, operator, { note: 'ok, loyal customer' });
    const edited = await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount: 3000, approval_id: approval.id, idempotency_key: 'refund-10' });
    expect(toolError(edited)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('granted for other arguments') });
    expect(await h.balance('alice')).toBe(0);
    const ok = await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount: 300, approval_id: approval.id, idempotency_key: 'refund-10' });
    expect(ok.structuredContent).toMatchObject({ amount: 300 });
    const retried = await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount: 300, approval_id: approval.id, idempotency_key: 'refund-10' });
    expect(retried.structuredContent).toEqual(ok.structuredContent);
    const reused = await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount: 300, approval_id: approval.id, idempotency_key: 'refund-10b' });
    expect(toolError(reused)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('single-use') });
    expect(await h.balance('alice')).toBe(300);
    const kinds = (await h.runtime.ledger.find(h.runtime.db, { callId: `approval:${approval.id}` })).map((e) => e.kind);
    expect(kinds).toEqual(['approval_requested', 'approval_approved']);
  });

  it('lets an operator approve edited arguments; then only those execute', async () => {
    const approval = await requestRefund(h, 400, 'refund-11');
    await h.runtime.approvals.approve(approval.id, operator, { arguments: { customer_id: 'alice', order_id: '#W9', amount: 260 } });
    const original = await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount: 400, approval_id: approval.id, idempotency_key: 'refund-11' });
    expect(toolError(original)?.code).toBe('FORBIDDEN');
    const asEdited = await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount: 260, approval_id: approval.id, idempotency_key: 'refund-11e' });
    expect(asEdited.structuredContent).toMatchObject({ amount: 260 });
    expect(await h.balance('alice')).toBe(560);
  });

  it('refuses a rejected approval and one that expired, changing nothing', async () => {
    const rejected = await requestRefund(h, 500, 'refund-12');
    await h.runtime.approvals.reject(rejected.id, operator, { note: 'refund exceeds the order value' });
    const afterReject = await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount: 500, approval_id: rejected.id, idempotency_key: 'refund-12' });
    expect(toolError(afterReject)).toMatchObject({ code: 'POLICY_DENIED', message: expect.stringContaining('rejected by op:olga: refund exceeds the order value') });
    const late = await requestRefund(h, 600, 'refund-13');
    clock = new Date(clock.getTime() + 31 * 60_000);
    await expect(h.runtime.approvals.approve(late.id, operator)).rejects.toThrow(/expired/);
    expect(await h.balance('alice')).toBe(560);
  });

  it('marks an approval expired on its next use: the retried call gets a clear error and the expiry is ledgered', async () => {
    const approval = await requestRefund(h, 320, 'refund-20');
    await h.runtime.approvals.approve(approval.id, operator);
    clock = new Date(clock.getTime() + 31 * 60_000);
    const retried = await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount: 320, approval_id: approval.id, idempotency_key: 'refund-20' });
    expect(toolError(retried)).toMatchObject({ code: 'FAILED_PRECONDITION', message: `approval ${approval.id} expired at ${approval.expiresAt}; call again without approval_id to request a new one` });
    expect(await h.balance('alice')).toBe(560);
    expect(await h.runtime.approvals.get(approval.id)).toMatchObject({ status: 'expired', resolvedBy: 'op:olga', expiredAt: clock.toISOString() });
    const entries = await h.runtime.ledger.find(h.runtime.db, { callId: `approval:${approval.id}` });
    expect(entries.map((e) => [e.kind, e.data.was])).toEqual([['approval_requested', undefined], ['approval_approved', undefined], ['approval_expired', 'approved']]);
    await expect(h.runtime.approvals.reject(approval.id, operator, { note: 'too late' })).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('expired') });
  });

  it('sweeps every due approval to expired once, ledgered and counted in the metrics', async () => {
    const a = await requestRefund(h, 330, 'refund-21');
    const b = await requestRefund(h, 340, 'refund-22');
    clock = new Date(clock.getTime() + 10 * 60_000);
    const fresh = await requestRefund(h, 350, 'refund-23');
    clock = new Date(clock.getTime() + 25 * 60_000); // a and b are 35 minutes old, fresh 25
    const swept = (await h.runtime.approvals.expire()).map((x) => x.id);
    expect(swept).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(swept).not.toContain(fresh.id);
    expect(await h.runtime.approvals.expire()).toEqual([]);
    const expired = (await h.runtime.approvals.list({ status: 'expired' })).map((x) => x.id);
    expect(expired).toEqual(expect.arrayContaining([a.id, b.id]));
    expect((await h.runtime.approvals.list({ status: 'pending' })).map((x) => x.id)).toContain(fresh.id);
    const kinds = (await h.runtime.ledger.find(h.runtime.db, { callId: `approval:${b.id}` })).map((e) => e.kind);
    expect(kinds).toEqual(['approval_requested', 'approval_expired']);
    const counts = await h.runtime.approvals.countByStatus();
    const metrics = await h.runtime.metrics.registry.metrics();
    expect(metrics).toContain(`commerce_approvals{status="expired"} ${counts.expired}`);
    expect(metrics).toContain(`commerce_approvals{status="pending"} ${counts.pending}`);
    expect(counts.pending).toBe(await h.runtime.approvals.countPending());
    expect(metrics).toMatch(/commerce_approvals_total\{status="expired"\} [1-9]/);
  });

  it('never lets the requester approve their own request', async () => {
    const approval = await requestRefund(h, 700, 'refund-14');
    const self = { ...agent, kind: 'operator' as const, scopes: ['approvals:resolve'] };
    await expect(h.runtime.approvals.approve(approval.id, self)).rejects.toThrow(/cannot approve their own request/);
  });
});

describe('policy in the server', () => {
  let h: KitHarness;
  beforeAll(async () => {
    h = await kitHarness(await sharedPglite(), {
      policy: testPolicy(`  refund.reverse:
    autonomy: shadow
rate_limits:
  customer: { burst: 3, per_minute: 1 }`),
    });
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  it('denies above the hard limit and past the velocity limit, explaining why', async () => {
    const big = await h.call(principals.bob, 'issue_refund', { customer_id: 'bob', order_id: '#W1', amount: 6000 });
    expect(toolError(big)).toMatchObject({ code: 'POLICY_DENIED', message: 'issue_refund is denied because refund 6000.00 > 5000.00' });
    const service = principals.service;
    for (let i = 0; i < 3; i++) expect(toolError(await h.call(service, 'issue_refund', { customer_id: 'alice', order_id: `#V${i}`, amount: 1 }))).toBeUndefined();
    const fourth = await h.call(service, 'issue_refund', { customer_id: 'alice', order_id: '#V4', amount: 1 });
    expect(toolError(fourth)?.message).toContain('customer alice already had 3 order.return in the last 30 days (limit 3)');
    expect(await h.balance('alice')).toBe(3);
  });

  it('in shadow mode returns a structured proposal and executes nothing', async () => {
    const [refund] = await h.runtime.db.query<{ id: number }>(`SELECT id FROM ${h.schema}.refunds LIMIT 1`);
    const result = await h.call(principals.service, 'reverse_refund', { refund_id: refund!.id });
    const error = toolError(result)!;
    expect(error.message).toMatch(/^shadow mode: reverse_refund was NOT executed/);
    expect(error.details).toMatchObject({ decision: { outcome: 'shadow' }, proposal: { tool: 'reverse_refund', action: 'refund.reverse', arguments: { refund_id: refund!.id }, facts: { customerId: 'alice' } } });
    expect(await h.balance('alice')).toBe(3);
  });

  it('rate-limits a principal with a retry-after', async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await h.call(principals.alice, 'get_balance', { customer_id: 'alice' }));
    expect(toolError(results[3])).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    expect(toolError(results[3])!.message).toMatch(/retry after [\d.]+ s/);
  });
});
