import { z } from 'zod';
import { allowedActions } from '../domain/order-actions.ts';
import { ORDER_STATUSES, fulfillmentSchema } from '../domain/records.ts';
import { orderIdField } from './fields.ts';
import { orderFor } from './order-access.ts';
import { tool } from './tool.ts';

export const getOrderStatus = tool({
  name: 'get_order_status',
  title: 'Get order status',
  description:
    'Get where an order stands: its status, when it was placed and delivered, its shipments (tracking ids, for the courier) and which actions are still possible. Lighter than get_order_details when the customer asks "where is my order?".',
  kind: 'read',
  input: { order_id: orderIdField },
  output: {
    order_id: z.string().describe('order id'),
    status: z.enum(ORDER_STATUSES).describe('order status'),
    placed_at: z.string().optional().describe('when the order was placed (ISO-8601), when known'),
    delivered_at: z.string().optional().describe('when it was delivered (ISO-8601), when known'),
    fulfillments: z.array(fulfillmentSchema).describe('shipments with their tracking ids and item ids'),
    allowed_actions: z.array(z.string()).describe('tools that may still act on this order in its current status'),
  },
  async handler({ order_id }, ctx) {
    const order = await orderFor(ctx, order_id);
    const timeline = await ctx.backend.getOrderTimeline(order_id);
    return {
      order_id,
      status: order.status,
      ...(timeline?.placedAt ? { placed_at: timeline.placedAt } : {}),
      ...(timeline?.deliveredAt ? { delivered_at: timeline.deliveredAt } : {}),
      fulfillments: order.fulfillments,
      allowed_actions: allowedActions(order.status),
    };
  },
});
