import { notFound, type ActionFacts, type ToolContext } from '@agentic-commerce/kit';
import { orderNotFound, userNotFound } from '../domain/order-checks.ts';
import type { Order, User } from '../domain/records.ts';
import type { OmsBackend } from '../store/oms-backend.ts';

type Ctx = ToolContext<OmsBackend>;

/**
 * Loads an order the caller may see. Another customer's order is answered exactly like a missing one.
 * `lock` holds the row for the rest of the write transaction.
 */
export async function orderFor(ctx: Ctx, orderId: string, lock = false): Promise<Order> {
  const order = await ctx.backend.getOrder(orderId, { lock });
  if (!order) throw notFound(orderNotFound(orderId));
  await ctx.access.assertCustomer(order.user_id, orderNotFound(orderId));
  return order;
}

/** Loads a customer the caller may see (checked before reading, so nothing about other customers leaks). */
export async function userFor(ctx: Ctx, userId: string, lock = false): Promise<User> {
  await ctx.access.assertCustomer(userId, userNotFound(userId));
  const user = await ctx.backend.getCustomer(userId, { lock });
  if (!user) throw notFound(userNotFound(userId));
  return user;
}

/** The order and its owner, both locked: what every order write needs. */
export async function orderAndOwner(ctx: Ctx, orderId: string): Promise<{ order: Order; user: User }> {
  const order = await orderFor(ctx, orderId, true);
  const user = await userFor(ctx, order.user_id, true);
  return { order, user };
}

/** Facts for policy: who, which order, how much money moves, the status, and since when (delivery or placement). */
export async function orderFacts(ctx: Ctx, order: Order, amount: number): Promise<ActionFacts> {
  const timeline = await ctx.backend.getOrderTimeline(order.order_id);
  const since = order.status === 'delivered' ? timeline?.deliveredAt : timeline?.placedAt;
  return { customerId: order.user_id, orderId: order.order_id, amount, status: order.status, since };
}
