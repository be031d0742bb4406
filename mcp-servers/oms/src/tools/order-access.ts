import { notFound, type ActionFacts, type ToolContext } from '@agentic-commerce/kit';
import { orderNotFound, userNotFound } from '../domain/order-checks.ts';
import type { Order, User } from '../domain/records.ts';
import type { OmsBackend } from '../store/oms-backend.ts';

type Ctx = ToolContext<OmsBackend>;

/**
 * Rows a write call has locked and read, shared by its assessment and its handler: they run in one transaction on
 * one context, and a locked row cannot change under the call, so the handler does not read it again. (Every write
 * tool reads what it needs before it changes anything, so nothing here is read back after a change.)
 */
const lockedReads = new WeakMap<Ctx, Map<string, Promise<unknown>>>();

function lockedOnce<T>(ctx: Ctx, key: string, read: () => Promise<T>): Promise<T> {
  let reads = lockedReads.get(ctx);
  if (!reads) lockedReads.set(ctx, (reads = new Map()));
  let pending = reads.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = read();
    reads.set(key, pending);
    pending.catch(() => reads.delete(key)); // a refusal is not remembered
  }
  return pending;
}

/**
 * Loads an order the caller may see. Another customer's order is answered exactly like a missing one.
 * `lock` holds the row for the rest of the write transaction (and the call's handler reuses that read).
 */
export function orderFor(ctx: Ctx, orderId: string, lock = false): Promise<Order> {
  const read = async () => {
    const order = await ctx.backend.getOrder(orderId, { lock });
    if (!order) throw notFound(orderNotFound(orderId));
    await ctx.access.assertCustomer(order.user_id, orderNotFound(orderId));
    return order;
  };
  return lock ? lockedOnce(ctx, `order:${orderId}`, read) : read();
}

/** Loads a customer the caller may see (checked before reading, so nothing about other customers leaks). */
export function userFor(ctx: Ctx, userId: string, lock = false): Promise<User> {
  const read = async () => {
    await ctx.access.assertCustomer(userId, userNotFound(userId));
    const user = await ctx.backend.getCustomer(userId, { lock });
    if (!user) throw notFound(userNotFound(userId));
    return user;
  };
  return lock ? lockedOnce(ctx, `user:${userId}`, read) : read();
}

/**
 * The order and its owner, both locked: what every order write needs. Write tools call it in their assessment too,
 * so the policy decides on exactly the rows the handler then changes.
 */
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
