import { BACK_OFFICE, notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { redeemValueCents } from '../domain/loyalty-rules.ts';
import { fromCents } from '../domain/money.ts';
import { noLoyaltyAccount } from '../store/sql-loyalty.ts';
import { money, orderId, reason, replayed } from './fields.ts';
import { optionalCustomerId, resolveCustomer } from './resolve-customer.ts';
import { tool } from './tool.ts';

export const redeemLoyaltyPoints = tool({
  name: 'redeem_loyalty_points',
  title: 'Redeem loyalty points',
  description:
    'Use to spend a customer\'s loyalty points as payment for an order (create_order does this itself for a quote with points). ' +
    'Refused beyond the balance. Keyed by order id: repeating it for the same order and points has no second effect. Undo with restore_loyalty_points.',
  kind: 'write',
  callers: BACK_OFFICE, // keyed by an OMS order id this server cannot tie to a customer
  effects: 'backend',
  action: 'loyalty.redeem',
  annotations: { idempotentHint: true },
  input: {
    customer_id: optionalCustomerId,
    order_id: orderId,
    points: z.number().int().positive().describe('points to redeem, a whole number above 0'),
    reason,
  },
  output: {
    customer_id: z.string().describe('customer id'),
    order_id: z.string().describe('order id'),
    points_redeemed: z.number().int().describe('points taken from the balance'),
    value: money('what the redeemed points are worth'),
    balance: z.number().int().describe('points balance now'),
    transaction_id: z.number().int().describe('loyalty transaction id'),
    replayed,
  },
  async assess({ customer_id, order_id, points }, ctx) {
    const customerId = await resolveCustomer(customer_id, ctx, noLoyaltyAccount);
    // Locked: the balance the policy amount comes from is the one the redemption then spends (and reuses).
    const account = await ctx.backend.getLoyaltyAccount(customerId, { lock: true });
    if (!account) throw notFound(noLoyaltyAccount(customerId));
    return { customerId, orderId: order_id, amount: fromCents(redeemValueCents(points, account.program)), attributes: { points } };
  },
  // replayed: the order's points were redeemed before this call, which took nothing for a compensation to give back.
  compensation: { tool: 'restore_loyalty_points', args: (_input, output) => (output.replayed ? null : { customer_id: output.customer_id, order_id: output.order_id }) },
  async handler({ customer_id, order_id, points, reason }, ctx) {
    const customerId = await resolveCustomer(customer_id, ctx, noLoyaltyAccount);
    const program = await ctx.backend.getLoyaltyProgram();
    const change = await ctx.backend.redeemLoyaltyPoints({ customerId, orderId: order_id, points, reason, now: ctx.now() });
    return {
      customer_id: customerId,
      order_id,
      points_redeemed: -change.transaction.points,
      value: fromCents(redeemValueCents(-change.transaction.points, program)),
      balance: change.balance,
      transaction_id: change.transaction.id,
      replayed: change.replayed,
    };
  },
});
