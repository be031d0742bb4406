import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionRuntime } from '../action-runtime.ts';
import { argumentsHash } from '../canonical-json.ts';
import { generateSigner } from '../ledger/ledger-keys.ts';
import { registerTools } from '../register-tools.ts';
import { connectAs, toolError } from '../testing/connect-as.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { refundTools, testPolicy } from '../testing/refunds-system.ts';
import { sharedPglite, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';
import type { ApprovalRequest } from './approval.ts';
import { APPROVE_SCOPE, createApprovals } from './approvals.ts';

const agent = principals.agent('conv-guards');
const { operator } = principals;

describe('approval guards', () => {
  let h: KitHarness;
  beforeAll(async () => {
    h = await kitHarness(await sharedPglite());
    await h.call(agent, 'find_customer', { customer_id: 'alice' });
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  async function request(amount: number, key: string): Promise<ApprovalRequest> {
    const error = toolError(await h.call(agent, 'issue_refund', { customer_id: 'alice', order_id: '#W9', amount, idempotency_key: key }));
    expect(error?.code).toBe('APPROVAL_REQUIRED');
    return error!.details!.approval as ApprovalRequest;
  }

  it('refuses an approval granted under another policy version, changing nothing; it stays usable under its own', async () => {
    const approval = await request(400, 'guard-policy-1');
    await h.runtime.approvals.approve(approval.id, operator);
    // The same kit schema, served under an edited policy (a new version).
    const edited = createActionRuntime({ db: h.runtime.db, schema: h.runtime.schema, policy: testPolicy('  gift.wrap: { autonomy: auto }'), signer: generateSigner() });
    const server = new McpServer({ name: 'refunds', version: '0.0.0' });
    registerTools(server, 'refunds', refundTools, edited, h.backend);
    const client = await connectAs(server, agent);
    const args = { customer_id: 'alice', order_id: '#W9', amount: 400, approval_id: approval.id, idempotency_key: 'guard-policy-1' };
    expect(toolError(await client.callTool({ name: 'issue_refund', arguments: args }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: `approval ${approval.id} was granted under policy ${h.runtime.policy.version}; the policy is now ${edited.policy.version}: call again without approval_id to ask for a new approval`,
    });
    // One still pending says so, not that it was granted.
    const pending = await request(410, 'guard-policy-2');
    const pendingArgs = { customer_id: 'alice', order_id: '#W9', amount: 410, approval_id: pending.id, idempotency_key: 'guard-policy-2' };
    expect(toolError(await client.callTool({ name: 'issue_refund', arguments: pendingArgs }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: `approval ${pending.id} is still pending, and was requested under policy ${h.runtime.policy.version}, so it could not be used even once approved; the policy is now ${edited.policy.version}: call again without approval_id to ask for a new approval`,
    });
    await client.close();
    expect(await h.balance('alice')).toBe(0);
    expect(await h.runtime.approvals.get(pending.id)).toMatchObject({ status: 'pending' });
    expect(await h.runtime.approvals.get(approval.id)).toMatchObject({ status: 'approved', usedAt: undefined });
    expect((await h.call(agent, 'issue_refund', args)).structuredContent).toMatchObject({ amount: 400 });
    expect(await h.balance('alice')).toBe(400);
  });

  it('refuses edited arguments that do not fit the tool input, changing nothing; stores what the retry hashes', async () => {
    const approval = await request(300, 'guard-edit-1');
    const refused: [Record<string, unknown>, RegExp][] = [
      [{ customer_id: 'alice', order_id: '#W9', amount: '260' }, /do not fit issue_refund's input, so the call could never run: amount: Invalid input: expected number, received string/],
      [{ customer_id: 'alice', order_id: '#W9', amount: -50 }, /amount: Too small/],
      [{ customer_id: 'alice', order_id: '#W9', amount: 260, comment: 'ok' }, /Unrecognized key: "comment"/],
      [{ customer_id: 'alice', order_id: '#W9', amount: 260, idempotency_key: 'edit-key-123' }, /may not contain idempotency_key: the agent sends those with the retried call/],
      [{}, /customer_id: Invalid input: expected string, received undefined; order_id: .*; amount: /],
      [{ customer_id: 'bob', order_id: '#W9', amount: 260 }, /set customer_id to bob, but the request is for customer alice: an approval cannot move an action to another customer/],
    ];
    for (const [edit, message] of refused) {
      await expect(h.runtime.approvals.approve(approval.id, operator, { arguments: edit })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) });
    }
    expect(await h.runtime.approvals.get(approval.id)).toMatchObject({ status: 'pending', edited: false, argsHash: approval.argsHash });
    const edit = { customer_id: 'alice', order_id: '#W9', amount: 260 };
    expect(await h.runtime.approvals.approve(approval.id, operator, { arguments: edit })).toMatchObject({
      status: 'approved', edited: true, arguments: edit, argsHash: argumentsHash('refunds', 'issue_refund', edit),
    });
    expect((await h.call(agent, 'issue_refund', { ...edit, approval_id: approval.id, idempotency_key: 'guard-edit-1e' })).structuredContent).toMatchObject({ amount: 260 });
    expect(await h.balance('alice')).toBe(660);
  });

  it('refuses an edit it cannot check (no tool input registered, e.g. the CLI) and a blank operator id', async () => {
    const approval = await request(310, 'guard-cli-1');
    const bare = createApprovals({ db: h.runtime.db, schema: h.runtime.schema, ledger: h.runtime.ledger, now: () => new Date() });
    await expect(bare.approve(approval.id, operator, { arguments: { customer_id: 'alice', order_id: '#W9', amount: 260 } })).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION', message: expect.stringContaining('the input schema of refunds.issue_refund is not registered in this process'),
    });
    for (const id of ['', '   ']) {
      await expect(bare.approve(approval.id, { kind: 'operator', id, scopes: [APPROVE_SCOPE] })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT', message: expect.stringContaining('approvals are resolved by a named operator'),
      });
    }
    expect(await bare.get(approval.id)).toMatchObject({ status: 'pending', resolvedBy: undefined });
  });
});
