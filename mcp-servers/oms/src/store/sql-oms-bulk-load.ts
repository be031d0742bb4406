import type { Queryable } from '@agentic-commerce/kit';
import type { Order, Product, User } from '../domain/records.ts';
import { bulkInsert, type BulkColumn } from './bulk-insert.ts';
import type { OrderLoadExtras } from './oms-backend.ts';

const t = (name: string): BulkColumn => ({ name, type: 'text' });
const ADDRESS: BulkColumn[] = ['address1', 'address2', 'city', 'state', 'country', 'zip'].map(t);
const addressValues = (a: User['address']) => [a.address1, a.address2, a.city, a.state, a.country, a.zip];

export async function loadCustomers(q: Queryable, s: string, customers: readonly { userId: string; user: User }[]): Promise<void> {
  await bulkInsert(
    q,
    `${s}.customers`,
    [t('id'), t('first_name'), t('last_name'), t('email'), ...ADDRESS],
    customers.map(({ userId, user }) => [userId, user.name.first_name, user.name.last_name, user.email, ...addressValues(user.address)]),
  );
  await bulkInsert(
    q,
    `${s}.payment_methods`,
    [t('id'), t('customer_id'), { name: 'position', type: 'integer' }, t('source'), t('brand'), t('last_four'), { name: 'balance', type: 'numeric' }],
    customers.flatMap(({ userId, user }) =>
      Object.values(user.payment_methods).map((m, position) => [m.id, userId, position, m.source, m.brand, m.last_four, m.balance]),
    ),
  );
}

export async function loadProducts(q: Queryable, s: string, products: readonly Product[], firstPosition: number): Promise<void> {
  await bulkInsert(
    q,
    `${s}.products`,
    [t('id'), t('name'), { name: 'position', type: 'integer' }],
    products.map((p, i) => [p.product_id, p.name, firstPosition + i]),
  );
  await bulkInsert(
    q,
    `${s}.variants`,
    [t('item_id'), t('product_id'), { name: 'position', type: 'integer' }, { name: 'options', type: 'jsonb' }, { name: 'available', type: 'boolean' }, { name: 'price', type: 'numeric' }],
    products.flatMap((p) => Object.values(p.variants).map((v, position) => [v.item_id, p.product_id, position, v.options, v.available, v.price])),
  );
}

/** Orders join the end of their customer's order list, in the order given. Allocations must name orders of this load. */
export async function loadOrders(q: Queryable, s: string, orders: readonly Order[], extras: OrderLoadExtras = {}): Promise<void> {
  const { timelines, allocations } = extras;
  if (allocations) {
    const ids = new Set(orders.map((o) => o.order_id));
    const stray = [...allocations.keys()].filter((id) => !ids.has(id));
    if (stray.length > 0) throw new RangeError(`allocations name orders that are not in this load: ${stray.slice(0, 5).join(', ')}`);
  }
  const int = (name: string): BulkColumn => ({ name, type: 'integer' });
  const ts = (name: string): BulkColumn => ({ name, type: 'timestamptz' });
  const customerIds = [...new Set(orders.map((o) => o.user_id))];
  const last = await q.query<{ customer_id: string; position: number }>(
    `SELECT customer_id, max(customer_position) AS position FROM ${s}.orders WHERE customer_id = ANY($1::text[]) GROUP BY customer_id`,
    [customerIds],
  );
  const next = new Map(last.map((r) => [r.customer_id, r.position + 1]));
  await bulkInsert(
    q,
    `${s}.orders`,
    [t('id'), t('customer_id'), int('customer_position'), ...ADDRESS, t('status'), ts('placed_at'), ts('delivered_at')],
    orders.map((o) => {
      const position = next.get(o.user_id) ?? 0;
      next.set(o.user_id, position + 1);
      const timeline = timelines?.get(o.order_id);
      return [o.order_id, o.user_id, position, ...addressValues(o.address), o.status, timeline?.placedAt, timeline?.deliveredAt];
    }),
  );
  await bulkInsert(
    q,
    `${s}.order_items`,
    [t('order_id'), int('position'), t('item_id'), t('product_id'), t('name'), { name: 'price', type: 'numeric' }, { name: 'options', type: 'jsonb' }, { name: 'list_price', type: 'numeric' }],
    orders.flatMap((o) => o.items.map((i, position) => [o.order_id, position, i.item_id, i.product_id, i.name, i.price, i.options, i.list_price])),
  );
  await bulkInsert(
    q,
    `${s}.fulfillments`,
    [t('order_id'), int('position'), { name: 'tracking_ids', type: 'text[]' }, { name: 'item_ids', type: 'text[]' }],
    orders.flatMap((o) => o.fulfillments.map((f, position) => [o.order_id, position, f.tracking_id, f.item_ids])),
  );
  await bulkInsert(
    q,
    `${s}.payment_transactions`,
    [t('order_id'), int('seq'), t('transaction_type'), { name: 'amount', type: 'numeric' }, t('payment_method_id')],
    orders.flatMap((o) => o.payment_history.map((p, seq) => [o.order_id, seq, p.transaction_type, p.amount, p.payment_method_id])),
  );
  const epoch = new Date(0).toISOString(); // τ-bench records carry no timestamps for after-sales requests
  const withCancel = orders.filter((o) => o.cancel_reason !== undefined);
  await bulkInsert(q, `${s}.cancellations`, [t('order_id'), t('reason'), ts('cancelled_at')], withCancel.map((o) => [o.order_id, o.cancel_reason, epoch]));
  const withReturn = orders.filter((o) => o.return_items !== undefined);
  await bulkInsert(
    q,
    `${s}.returns`,
    [t('order_id'), t('payment_method_id'), { name: 'item_ids', type: 'text[]' }, ts('requested_at')],
    withReturn.map((o) => [o.order_id, o.return_payment_method_id, o.return_items, epoch]),
  );
  const withExchange = orders.filter((o) => o.exchange_items !== undefined);
  await bulkInsert(
    q,
    `${s}.exchanges`,
    [t('order_id'), t('payment_method_id'), { name: 'item_ids', type: 'text[]' }, { name: 'new_item_ids', type: 'text[]' }, { name: 'price_difference', type: 'numeric' }, ts('requested_at')],
    withExchange.map((o) => [o.order_id, o.exchange_payment_method_id, o.exchange_items, o.exchange_new_items, o.exchange_price_difference, epoch]),
  );
  await bulkInsert(
    q,
    `${s}.order_allocations`,
    [t('order_id'), t('kind'), t('reference')],
    [...(allocations ?? [])].flatMap(([orderId, list]) => list.map((a) => [orderId, a.kind, a.reference])),
  );
}
