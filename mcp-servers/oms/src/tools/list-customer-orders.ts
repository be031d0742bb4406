import { notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { userNotFound } from '../domain/order-checks.ts';
import { ORDER_STATUSES } from '../domain/records.ts';
import { customerOfCall } from './customer-of-call.ts';
import { tool } from './tool.ts';

export const listCustomerOrders = tool({
  name: 'list_customer_orders',
  title: 'List customer orders',
  description:
    "List a customer's orders, newest first, with status, item count and total. Use it when the customer does not know an order id (\"my last order\"). Without user_id it lists the orders of the authenticated customer.",
  kind: 'read',
  input: {
    user_id: z.string().min(1).optional().describe("The user id, such as 'sara_doe_496'; omit it for the authenticated customer."),
    statuses: z.array(z.enum(ORDER_STATUSES)).min(1).optional().describe("Only orders in these statuses, e.g. ['pending']; omit for all."),
    limit: z.number().int().min(1).max(100).default(20).describe('How many orders to return (1-100, default 20).'),
    offset: z.number().int().min(0).default(0).describe('How many of the newest orders to skip, for paging (default 0).'),
  },
  output: {
    user_id: z.string().describe('the customer whose orders these are'),
    orders: z
      .array(
        z.object({
          order_id: z.string().describe("order id, e.g. '#W0000000'"),
          status: z.enum(ORDER_STATUSES).describe('order status'),
          item_count: z.number().int().describe('number of units in the order'),
          items_total: z.number().describe('sum of the item prices, in USD'),
          placed_at: z.string().optional().describe('when the order was placed (ISO-8601), when known'),
        }),
      )
      .describe('the orders, newest first'),
  },
  async handler({ user_id, statuses, limit, offset }, ctx) {
    const customerId = await customerOfCall(ctx, user_id);
    await ctx.access.assertCustomer(customerId, userNotFound(customerId));
    if (!(await ctx.backend.getCustomer(customerId))) throw notFound(userNotFound(customerId));
    const orders = await ctx.backend.listCustomerOrders(customerId, { statuses, limit, offset });
    return {
      user_id: customerId,
      orders: orders.map((o) => ({
        order_id: o.orderId,
        status: o.status,
        item_count: o.itemCount,
        items_total: o.total,
        ...(o.placedAt ? { placed_at: o.placedAt } : {}),
      })),
    };
  },
});
