import { BACK_OFFICE, notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { redeemValueCents } from '../domain/loyalty-rules.ts';
import { fromCents } from '../domain/money.ts';
import { money, orderId, reason, replayed } from './fields.ts';
import { optionalCustomerId, resolveCustomer } from './resolve-customer.ts';
import { tool } from './tool.ts';

const nothingRedeemed = (order: string, customer: string) => `no points were redeemed for order ${order} by customer ${customer}`;

export const restoreLoyaltyPoints = tool({
  name: 'restore_loyalty_points',
  title: 'Restore loyalty points',
  description:
    'Use to give back the points redeemed for an order that did not go ahead (the undo of redeem_loyalty_points). ' +
    'Restores exactly what was redeemed for that order; repeating it has no second effect.',
  kind: 'write',
  callers: BACK_OFFICE, // keyed by an OMS order id this server cannot tie to a customer
  effects: 'backend',
  action: 'loyalty.restore',
  compensation: { none: 'undoes redeem_loyalty_points; redeem again to spend them' },
  annotations: { idempotentHint: true, destructiveHint: false },
  input: { customer_id: optionalCustomerId, order_id: orderId, reason },
  output: {
    customer_id: z.string().describe('customer id'),
    order_id: z.string().describe('order id'),
    points_restored: z.number().int().describe('points given back'),
    value: money('what the restored points are worth'),
    balance: z.number().int().describe('points balance now'),
    transaction_id: z.number().int().describe('loyalty transaction id'),
    replayed,
  },
  async assess({ customer_id, order_id }, ctx) {
    const customerId = await resolveCustomer(customer_id, ctx, (id) => nothingRedeemed(order_id, id));
    const redeemed = await ctx.backend.getLoyaltyRedemption(order_id);
    if (!redeemed || redeemed.customerId !== customerId) throw notFound(nothingRedeemed(order_id, customerId));
    const program = await ctx.backend.getLoyaltyProgram();
    // Redemptions are stored as negative points; the policy amount is the value given back, never negative.
    return { customerId, orderId: order_id, amount: fromCents(redeemValueCents(Math.abs(redeemed.points), program)) };
  },
  async handler({ customer_id, order_id, reason }, ctx) {
    const customerId = await resolveCustomer(customer_id, ctx, (id) => nothingRedeemed(order_id, id));
    const program = await ctx.backend.getLoyaltyProgram();
    const change = await ctx.backend.restoreLoyaltyPoints({ customerId, orderId: order_id, reason, now: ctx.now() });
    return {
      customer_id: customerId,
      order_id,
      points_restored: change.transaction.points,
      value: fromCents(redeemValueCents(change.transaction.points, program)),
      balance: change.balance,
      transaction_id: change.transaction.id,
      replayed: change.replayed,
    };
  },
});
