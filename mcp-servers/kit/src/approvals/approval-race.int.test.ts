import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { ApprovalRequest } from './approval.ts';
import { connectAs, toolError } from '../testing/connect-as.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { sharedPostgres, testPostgresUrl, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';

// Real concurrency: each client's call runs on its own PostgreSQL connection of the pool.
describe.skipIf(!testPostgresUrl())('approval requests on PostgreSQL under concurrency', () => {
  let h: KitHarness;
  const clients: Client[] = [];
  beforeAll(async () => void (h = await kitHarness(await sharedPostgres())), DATABASE_START_TIMEOUT_MS);
  afterAll(async () => {
    for (const client of clients) await client.close();
    await h.cleanup();
  });

  it('queues one request for concurrent retries of one call waiting for approval, and names it in every answer', async () => {
    const agent = principals.agent('conv-approval-race');
    await h.call(agent, 'find_customer', { customer_id: 'alice' });
    for (let i = 0; i < 8; i += 1) clients.push(await connectAs(h.createServer(), agent));
    // Several rounds, each a different call (order), so that a lost race shows however the timing falls.
    for (let round = 0; round < 5; round += 1) {
      const order = `#R${round}`;
      const answers = await Promise.all(clients.map((client, i) =>
        client.callTool({ name: 'issue_refund', arguments: { customer_id: 'alice', order_id: order, amount: 412.5, idempotency_key: `approval-race-${round}-${i}` } })));
      const approvals = answers.map((a) => {
        expect(toolError(a)?.code).toBe('APPROVAL_REQUIRED');
        return toolError(a)!.details!.approval as ApprovalRequest;
      });
      const pending = (await h.runtime.approvals.list({ status: 'pending', conversationId: 'conv-approval-race' })).filter((a) => a.orderId === order);
      expect(pending).toHaveLength(1);
      expect(new Set(approvals.map((a) => a.id))).toEqual(new Set([pending[0]!.id]));
    }
    const requested = await h.runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${h.runtime.schema}.ledger WHERE kind = 'approval_requested'`);
    expect(requested[0]!.n).toBe(5);
    expect(await h.balance('alice')).toBe(0);
  });
});
