import { z } from 'zod';
import { applyOrderChange } from '../domain/order-change.ts';
import { CANCEL_REASONS, cancelPendingOrder as cancelRule } from '../domain/cancel-order.ts';
import type { OmsPorts } from '../ports/pricing-port.ts';
import { sumInCents } from './money-sum.ts';
import { orderIdField } from './fields.ts';
import { orderAndOwner, orderFacts, orderFor, userFor } from './order-access.ts';
import { orderOutput } from './order-output.ts';
import { releaseAllocations } from './release-allocations.ts';
import { tool } from './tool.ts';

const input = {
  order_id: orderIdField,
  reason: z.enum(CANCEL_REASONS).describe("The reason for cancellation, which should be either 'no longer needed' or 'ordered by mistake'."),
};

/** Cancels a pending order; with ports, also gives back the stock reservation, coupon and points it took. */
export const cancelPendingOrderTool = (ports: OmsPorts = {}) =>
  tool({
    name: 'cancel_pending_order',
    title: 'Cancel pending order',
    description:
      "Cancel a pending order (only status 'pending'; processed or delivered orders cannot be cancelled). Explain the cancellation and get the customer's explicit yes first. What each payment method paid (less what was already refunded to it) is refunded to that method: gift cards at once, other methods in 5-7 business days. Returns the order after the cancellation.",
    kind: 'write',
    action: 'order.cancel',
    compensation: { none: 'final: a cancelled order is not reopened and its payments are refunded; the customer places a new order' },
    input,
    output: orderOutput,
    async assess({ order_id, reason }, ctx) {
      const { order, user } = await orderAndOwner(ctx, order_id);
      const change = cancelRule(order, user, reason);
      return orderFacts(ctx, order, sumInCents((change.appendTransactions ?? []).map((t) => t.amount)));
    },
    async handler({ order_id, reason }, ctx) {
      const { order, user } = await orderAndOwner(ctx, order_id);
      const change = cancelRule(order, user, reason);
      const at = ctx.now();
      await ctx.backend.applyOrderChange(change, at);
      await releaseAllocations(ports, await ctx.backend.getOrderAllocations(order_id), `order ${order_id} cancelled: ${reason}`);
      return applyOrderChange(order, change);
    },
  });
