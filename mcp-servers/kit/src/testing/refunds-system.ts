import { z } from 'zod';
import type { Database, Queryable } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { notFound } from '../errors.ts';
import { parsePolicy, type Policy } from '../policy/load-policy.ts';
import { toolFor } from '../tool.ts';

/**
 * A tiny system of record for the kit's own tests and bench: customer wallets and refunds. `issue_refund` is a
 * money-moving write with a compensation (`reverse_refund`), so every part of the action layer can be exercised
 * without depending on the real servers.
 */
export function refundsBackend(schema: string) {
  return (q: Queryable) => ({
    async balance(customerId: string) {
      const [row] = await q.query<{ balance: number }>(`SELECT balance FROM ${schema}.wallets WHERE customer_id = $1`, [customerId]);
      return row?.balance;
    },
    async refund(customerId: string, orderId: string, amount: number) {
      const [row] = await q.query<{ id: number }>(`INSERT INTO ${schema}.refunds (customer_id, order_id, amount) VALUES ($1, $2, $3) RETURNING id`, [customerId, orderId, amount]);
      await q.query(`UPDATE ${schema}.wallets SET balance = balance + $2 WHERE customer_id = $1`, [customerId, amount]);
      return row!.id;
    },
    async reverse(refundId: number) {
      const [row] = await q.query<{ customer_id: string; amount: number }>(`DELETE FROM ${schema}.refunds WHERE id = $1 RETURNING customer_id, amount`, [refundId]);
      if (row) await q.query(`UPDATE ${schema}.wallets SET balance = balance - $2 WHERE customer_id = $1`, [row.customer_id, row.amount]);
      return row !== undefined;
    },
    async refundOwner(refundId: number) {
      const [row] = await q.query<{ customer_id: string }>(`SELECT customer_id FROM ${schema}.refunds WHERE id = $1`, [refundId]);
      return row?.customer_id;
    },
  });
}
type Backend = ReturnType<ReturnType<typeof refundsBackend>>;
const tool = toolFor<Backend>();

export const findCustomer = tool({
  name: 'find_customer', title: 'Find customer', kind: 'read',
  description: 'Authenticate a customer by id; binds an agent conversation to them.',
  input: { customer_id: z.string().describe('customer id') },
  output: { customer_id: z.string().describe('customer id') },
  async handler({ customer_id }, ctx) {
    if ((await ctx.backend.balance(customer_id)) === undefined) throw notFound('no customer matches those details');
    await ctx.access.bindCustomer(customer_id);
    return { customer_id };
  },
});

export const getBalance = tool({
  name: 'get_balance', title: 'Get balance', kind: 'read',
  description: 'Wallet balance of a customer.',
  input: { customer_id: z.string().describe('customer id') },
  output: { customer_id: z.string().describe('customer id'), balance: z.number().describe('balance') },
  async handler({ customer_id }, ctx) {
    const balance = await ctx.backend.balance(customer_id);
    if (balance === undefined) throw notFound(`customer ${customer_id} not found`);
    await ctx.access.assertCustomer(customer_id, `customer ${customer_id} not found`);
    return { customer_id, balance };
  },
});

export const issueRefund = tool({
  name: 'issue_refund', title: 'Issue refund', kind: 'write', action: 'order.return',
  description: 'Refund an amount of a delivered order to the customer\'s wallet.',
  input: {
    customer_id: z.string().describe('customer id'),
    order_id: z.string().describe('order id'),
    amount: z.number().positive().describe('refund amount'),
    email: z.string().optional().describe('contact email for the receipt'),
  },
  output: { refund_id: z.number().describe('refund id'), amount: z.number().describe('refunded amount') },
  assess: async ({ customer_id, order_id, amount }) => ({ customerId: customer_id, orderId: order_id, amount, status: 'delivered' }),
  effects: 'backend',
  compensation: { tool: 'reverse_refund', args: (_input, output) => ({ refund_id: output.refund_id }) },
  async handler({ customer_id, order_id, amount }, ctx) {
    if ((await ctx.backend.balance(customer_id)) === undefined) throw notFound(`customer ${customer_id} not found`);
    ctx.cite({ kind: 'record', id: order_id, note: 'refunded order' });
    return { refund_id: await ctx.backend.refund(customer_id, order_id, amount), amount };
  },
});

export const reverseRefund = tool({
  name: 'reverse_refund', title: 'Reverse refund', kind: 'write', action: 'refund.reverse', compensation: { none: 'undoes issue_refund' },
  description: 'Undo a refund (saga compensation). Reversing an already reversed refund changes nothing.',
  input: { refund_id: z.number().describe('refund id') },
  output: { reversed: z.boolean().describe('false when it was already reversed') },
  assess: async ({ refund_id }, ctx) => ({ customerId: await ctx.backend.refundOwner(refund_id) }),
  handler: async ({ refund_id }, ctx) => ({ reversed: await ctx.backend.reverse(refund_id) }),
});

export const refundTools = [findCustomer, getBalance, issueRefund, reverseRefund];

export async function migrateRefunds(db: Database, schema: string, customers: Record<string, number>): Promise<void> {
  await migrate(db, schema, [{
    version: 1, name: 'init', up: (s) => `
      CREATE TABLE ${s}.wallets (customer_id text PRIMARY KEY, balance numeric(14,2) NOT NULL);
      CREATE TABLE ${s}.refunds (id serial PRIMARY KEY, customer_id text NOT NULL, order_id text NOT NULL, amount numeric(14,2) NOT NULL);`,
  }]);
  for (const [id, balance] of Object.entries(customers)) {
    await db.query(`INSERT INTO ${schema}.wallets VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, balance]);
  }
}

/** A policy for tests: refunds auto up to 250, approval above, denied above 5000, at most 3 per 30 days. */
export function testPolicy(extra = ''): Policy {
  return parsePolicy(`
version: test-1
approval_ttl_minutes: 30
default_rule: { autonomy: auto }
actions:
  order.return:
    autonomy: auto
    statuses: [delivered]
    amount_label: refund
    approve_above: 250
    deny_above: 5000
    velocity: { max: 3, days: 30, over: deny }
${extra}`, 'test policy', { docsDir: '/nonexistent' });
}

/** The benches' policy: refunds run on their own (auto), still through a velocity rule that never bites. */
export function benchPolicy(): Policy {
  return parsePolicy(`
version: bench
default_rule: { autonomy: auto }
actions:
  order.return: { autonomy: auto, statuses: [delivered], approve_above: 100000, velocity: { max: 1000000, days: 30, over: deny } }
`, 'bench policy', { docsDir: '/nonexistent' });
}
