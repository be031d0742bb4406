import type { Database } from '@agentic-commerce/kit';
import { sqlOmsBackend, type Order } from '@agentic-commerce/oms';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createReferenceWorld } from '../reference-world.ts';

const service = { kind: 'service' as const, id: 'svc:pending-order-changes', scopes: ['*'] };

export interface PendingOrderChanges {
  cancelled: Order;
  modified: { before: Order; after: Order; itemId: string; newItemId: string };
}

/**
 * Through the OMS's MCP tools of a loaded world: cancels one pending order and swaps one item of another, both
 * holding only variants the catalog sells (so the stock they give back or take leaves availability as it was).
 * For tests of the cross-system invariants after the OMS changed loaded (imported) orders.
 */
export async function changePendingOrders(db: Database, prefix: string, asOf: Date): Promise<PendingOrderChanges> {
  const world = await createReferenceWorld({ db, prefix, source: { kind: 'existing' }, asOf, runtime: { defaultPrincipal: service, now: () => new Date(asOf.getTime() + 3_600_000) } });
  const oms = sqlOmsBackend(world.schemas.oms)(db);
  const products = await oms.getProducts();
  const variantOf = (item: { product_id: string; item_id: string }) => products.get(item.product_id)?.variants[item.item_id];
  const pending = [...(await oms.getOrders()).values()]
    .filter((o) => o.status === 'pending' && o.items.every((i) => variantOf(i)?.available))
    .sort((a, b) => a.order_id.localeCompare(b.order_id));
  const swapFor = (order: Order) => {
    for (const item of order.items) {
      const other = Object.values(products.get(item.product_id)?.variants ?? {}).find((v) => v.available && v.item_id !== item.item_id);
      if (other) return { itemId: item.item_id, newItemId: other.item_id };
    }
    return undefined;
  };
  const cancelled = pending[0];
  const toModify = pending.slice(1).find((o) => swapFor(o) !== undefined);
  if (!cancelled || !toModify) throw new Error('the world has no two pending orders of available variants to change');
  const swap = swapFor(toModify)!;
  const customers = await oms.getCustomers([toModify.user_id]);
  const payment = Object.values(customers.get(toModify.user_id)?.payment_methods ?? {}).find((m) => m.source !== 'gift_card');
  if (!payment) throw new Error(`customer ${toModify.user_id} has no card or PayPal to pay a price difference with`);

  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await world.servers.oms().connect(serverSide);
  const client = new Client({ name: 'pending-order-changes', version: '1.0.0' });
  await client.connect(clientSide);
  const call = async (name: string, args: Record<string, unknown>): Promise<Order> => {
    const result = await client.callTool({ name, arguments: args });
    if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
    return result.structuredContent as unknown as Order;
  };
  try {
    await call('cancel_pending_order', { order_id: cancelled.order_id, reason: 'no longer needed', idempotency_key: `cancel-${cancelled.order_id.replace("#", "")}` });
    const after = await call('modify_pending_order_items', {
      order_id: toModify.order_id,
      item_ids: [swap.itemId],
      new_item_ids: [swap.newItemId],
      payment_method_id: payment.id,
      idempotency_key: `modify-${toModify.order_id.replace("#", "")}`,
    });
    return { cancelled, modified: { before: toModify, after, ...swap } };
  } finally {
    await client.close();
  }
}
