import { readFileSync } from 'node:fs';
import type { OrderRecord, ProductRecord, UserRecord } from '../dialogue/facts.ts';

interface Fixture {
  users: Record<string, UserRecord>;
  orders: Record<string, OrderRecord>;
  products: Record<string, ProductRecord>;
  goldActions: Record<string, { name: string; kwargs: Record<string, unknown>; refusedByTools: boolean }[]>;
}

/** The committed τ-bench fixture (real users.json / orders.json / products.json records). */
export function loadFixture(): Fixture {
  return JSON.parse(readFileSync(new URL('./tau-fixture.json', import.meta.url), 'utf8')) as Fixture;
}

/**
 * A small in-memory stand-in for the τ-bench retail tools, answering like the benchmark: JSON text, or "Error: …".
 * Writes apply their status change so later reads see it; it checks only what the planner's tests need.
 */
export class TauSimulator {
  private readonly data: Fixture;

  constructor(fixture: Fixture = loadFixture()) {
    this.data = structuredClone(fixture);
  }

  run(name: string, args: Record<string, unknown>): string {
    const d = this.data;
    const order = typeof args.order_id === 'string' ? d.orders[args.order_id] : undefined;
    switch (name) {
      case 'find_user_id_by_email': {
        const hit = Object.entries(d.users).find(([, u]) => u.email === args.email);
        return hit ? hit[0] : 'Error: user not found';
      }
      case 'find_user_id_by_name_zip': {
        const hit = Object.entries(d.users).find(
          ([, u]) => u.name?.first_name === args.first_name && u.name?.last_name === args.last_name && u.address?.zip === args.zip,
        );
        return hit ? hit[0] : 'Error: user not found';
      }
      case 'get_user_details': {
        const user = d.users[String(args.user_id)];
        return user ? JSON.stringify(user) : 'Error: user not found';
      }
      case 'get_order_details':
        return order ? JSON.stringify(order) : 'Error: order not found';
      case 'get_product_details': {
        const product = d.products[String(args.product_id)];
        return product ? JSON.stringify(product) : 'Error: product not found';
      }
      case 'list_all_product_types':
        return JSON.stringify(Object.fromEntries(Object.values(d.products).map((p) => [p.name, p.product_id])));
      case 'cancel_pending_order':
        return this.transition(order, 'pending', 'cancelled');
      case 'modify_pending_order_address':
      case 'modify_pending_order_payment':
        return order && order.status === 'pending' ? JSON.stringify(order) : 'Error: non-pending order cannot be modified';
      case 'modify_pending_order_items':
        return this.transition(order, 'pending', 'pending (item modified)');
      case 'return_delivered_order_items': {
        const result = this.transition(order, 'delivered', 'return requested');
        // Like the benchmark, the order remembers which items are coming back.
        if (order?.status === 'return requested') (order as { return_items?: unknown }).return_items = [...(args.item_ids as string[])].sort();
        return order?.status === 'return requested' ? JSON.stringify(order) : result;
      }
      case 'exchange_delivered_order_items':
        return this.transition(order, 'delivered', 'exchange requested');
      case 'modify_user_address': {
        const user = d.users[String(args.user_id)];
        return user ? JSON.stringify(user) : 'Error: user not found';
      }
      case 'transfer_to_human_agents':
        return 'Transfer successful';
      default:
        return `Error: unknown tool ${name}`;
    }
  }

  private transition(order: OrderRecord | undefined, from: string, to: string): string {
    if (!order) return 'Error: order not found';
    if (order.status !== from) return `Error: non-${from} order cannot be changed`;
    order.status = to;
    return JSON.stringify(order);
  }
}
