import { notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { noLoyaltyAccount } from '../store/sql-loyalty.ts';
import { money } from './fields.ts';
import { optionalCustomerId, resolveCustomer } from './resolve-customer.ts';
import { tool } from './tool.ts';

export const getLoyaltyBalance = tool({
  name: 'get_loyalty_balance',
  title: 'Get loyalty balance',
  description: 'Use when a shopper asks how many loyalty points they have or what they are worth; also returns the earn and redeem rates.',
  kind: 'read',
  input: { customer_id: optionalCustomerId },
  output: {
    customer_id: z.string().describe('customer id'),
    segment: z.string().describe('customer segment (e.g. standard, gold) that some promotions require'),
    points: z.number().int().describe('points balance'),
    points_value: money('what the balance is worth when redeemed'),
    point_value: money('value of one point'),
    earn_points_per_dollar: z.number().describe('points earned per dollar of merchandise paid'),
  },
  async handler({ customer_id }, ctx) {
    const customerId = await resolveCustomer(customer_id, ctx, noLoyaltyAccount);
    const account = await ctx.backend.getLoyaltyAccount(customerId);
    if (!account) throw notFound(noLoyaltyAccount(customerId));
    return {
      customer_id: account.customerId,
      segment: account.segment,
      points: account.balance,
      points_value: account.balanceValue,
      point_value: account.program.pointValue,
      earn_points_per_dollar: account.program.earnPointsPerDollar,
    };
  },
});
