import { notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { noLoyaltyAccount } from '../store/sql-loyalty.ts';
import { loyaltyTransactionSchema, toTransactionOutput } from './fields.ts';
import { optionalCustomerId, resolveCustomer } from './resolve-customer.ts';
import { tool } from './tool.ts';

export const getLoyaltyHistory = tool({
  name: 'get_loyalty_history',
  title: 'Get loyalty history',
  description: 'Use when a shopper asks why their points changed: lists point movements newest first, each with its reason and order.',
  kind: 'read',
  input: {
    customer_id: optionalCustomerId,
    limit: z.number().int().min(1).max(100).default(20).describe('how many transactions, 1-100 (default 20)'),
    before_id: z.number().int().positive().optional().describe('page: only transactions older than this id (next_before_id of the previous page)'),
  },
  output: {
    customer_id: z.string().describe('customer id'),
    transactions: z.array(loyaltyTransactionSchema).describe('newest first'),
    next_before_id: z.number().int().nullable().describe('pass as before_id for the next page; null when this is the last'),
  },
  async handler({ customer_id, limit, before_id }, ctx) {
    const customerId = await resolveCustomer(customer_id, ctx, noLoyaltyAccount);
    if (!(await ctx.backend.getLoyaltyAccount(customerId))) throw notFound(noLoyaltyAccount(customerId));
    const page = await ctx.backend.getLoyaltyHistory(customerId, { limit: limit + 1, beforeId: before_id });
    const shown = page.slice(0, limit);
    return {
      customer_id: customerId,
      transactions: shown.map(toTransactionOutput),
      next_before_id: page.length > limit ? (shown[shown.length - 1]?.id ?? null) : null,
    };
  },
});
