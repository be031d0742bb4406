import type { Queryable } from '@agentic-commerce/kit';
import type { Address, Order, OrderItem, OrderStatus, PaymentMethod, Product, Transaction, User } from '../domain/records.ts';
import type { OrderTimeline } from './oms-backend.ts';

type Row = Record<string, unknown>;
const str = (v: unknown) => v as string;

function addressOf(row: Row): Address {
  return { address1: str(row.address1), address2: str(row.address2), city: str(row.city), country: str(row.country), state: str(row.state), zip: str(row.zip) };
}

/** `WHERE <column> = ANY($1)` when ids are given, nothing otherwise. */
function filter(column: string, ids: readonly string[] | undefined): { where: string; params: unknown[] } {
  return ids === undefined ? { where: '', params: [] } : { where: `WHERE ${column} = ANY($1::text[])`, params: [[...ids]] };
}

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const id = str(row[key]);
    const list = groups.get(id);
    if (list) list.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}

/** One statement per call: each customer row carries its payment methods and order ids as JSON. */
export async function readCustomers(q: Queryable, s: string, ids?: readonly string[]): Promise<Map<string, User>> {
  const f = filter('c.id', ids);
  const rows = await q.query<Row & { methods: (PaymentMethod & { brand: string | null; last_four: string | null; balance: number | null })[]; order_ids: string[] }>(
    `SELECT c.*,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('source', m.source, 'id', m.id, 'brand', m.brand, 'last_four', m.last_four, 'balance', m.balance) ORDER BY m.position), '[]')
               FROM ${s}.payment_methods m WHERE m.customer_id = c.id) AS methods,
            (SELECT coalesce(jsonb_agg(o.id ORDER BY o.customer_position), '[]') FROM ${s}.orders o WHERE o.customer_id = c.id) AS order_ids
       FROM ${s}.customers c ${f.where} ORDER BY c.id`,
    f.params,
  );
  const result = new Map<string, User>();
  for (const row of rows) {
    const paymentMethods: Record<string, PaymentMethod> = {};
    for (const m of row.methods) {
      const method: PaymentMethod = { source: m.source, id: m.id };
      if (m.brand !== null) method.brand = m.brand;
      if (m.last_four !== null) method.last_four = m.last_four;
      if (m.balance !== null) method.balance = m.balance;
      paymentMethods[method.id] = method;
    }
    result.set(str(row.id), {
      name: { first_name: str(row.first_name), last_name: str(row.last_name) },
      address: addressOf(row),
      email: str(row.email),
      payment_methods: paymentMethods,
      orders: row.order_ids,
    });
  }
  return result;
}

/**
 * One statement per call, whatever the number of orders: each order row carries its lines, shipments, payments and
 * after-sales requests as JSON (numbers keep their stored precision through jsonb).
 */
/** Orders by id; `timelines`, when given, receives each order's placement and delivery times from the same read. */
export async function readOrders(q: Queryable, s: string, ids?: readonly string[], timelines?: Map<string, OrderTimeline>): Promise<Map<string, Order>> {
  const f = filter('o.id', ids);
  const rows = await q.query<Row & { items: OrderItem[]; fulfillments: Order['fulfillments']; payments: Transaction[] }>(
    `SELECT o.id, o.customer_id, o.address1, o.address2, o.city, o.state, o.country, o.zip, o.status, o.placed_at, o.delivered_at,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('name', i.name, 'product_id', i.product_id, 'item_id', i.item_id, 'price', i.price, 'options', i.options)
                                       || CASE WHEN i.list_price IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('list_price', i.list_price) END ORDER BY i.position), '[]')
               FROM ${s}.order_items i WHERE i.order_id = o.id) AS items,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('tracking_id', to_jsonb(x.tracking_ids), 'item_ids', to_jsonb(x.item_ids)) ORDER BY x.position), '[]')
               FROM ${s}.fulfillments x WHERE x.order_id = o.id) AS fulfillments,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('transaction_type', p.transaction_type, 'amount', p.amount, 'payment_method_id', p.payment_method_id) ORDER BY p.seq), '[]')
               FROM ${s}.payment_transactions p WHERE p.order_id = o.id) AS payments,
            c.reason AS cancel_reason,
            r.payment_method_id AS return_payment_method_id, r.item_ids AS return_item_ids,
            e.payment_method_id AS exchange_payment_method_id, e.item_ids AS exchange_item_ids, e.new_item_ids AS exchange_new_item_ids,
            e.price_difference AS exchange_price_difference
       FROM ${s}.orders o
       LEFT JOIN ${s}.cancellations c ON c.order_id = o.id
       LEFT JOIN ${s}.returns r ON r.order_id = o.id
       LEFT JOIN ${s}.exchanges e ON e.order_id = o.id
       ${f.where} ORDER BY o.id`,
    f.params,
  );
  const result = new Map<string, Order>();
  for (const row of rows) {
    const id = str(row.id);
    const order: Order = {
      order_id: id,
      user_id: str(row.customer_id),
      address: addressOf(row),
      items: row.items,
      fulfillments: row.fulfillments,
      status: row.status as OrderStatus,
      payment_history: row.payments,
    };
    if (row.cancel_reason !== null) order.cancel_reason = str(row.cancel_reason);
    if (row.return_payment_method_id !== null) {
      order.return_items = [...(row.return_item_ids as string[])].sort();
      order.return_payment_method_id = str(row.return_payment_method_id);
    }
    if (row.exchange_payment_method_id !== null) {
      order.exchange_items = [...(row.exchange_item_ids as string[])].sort();
      order.exchange_new_items = [...(row.exchange_new_item_ids as string[])].sort();
      order.exchange_payment_method_id = str(row.exchange_payment_method_id);
      order.exchange_price_difference = row.exchange_price_difference as number;
    }
    result.set(id, order);
    timelines?.set(id, timelineOf(row.placed_at as string | null, row.delivered_at as string | null));
  }
  return result;
}

export function timelineOf(placedAt: string | null, deliveredAt: string | null): OrderTimeline {
  const timeline: OrderTimeline = {};
  if (placedAt) timeline.placedAt = placedAt;
  if (deliveredAt) timeline.deliveredAt = deliveredAt;
  return timeline;
}

export async function readProducts(q: Queryable, s: string, ids?: readonly string[]): Promise<Map<string, Product>> {
  const f = filter('id', ids);
  const fv = filter('product_id', ids);
  const products = await q.query(`SELECT * FROM ${s}.products ${f.where} ORDER BY position`, f.params);
  const variants = await q.query(`SELECT * FROM ${s}.variants ${fv.where} ORDER BY product_id, position`, fv.params);
  const variantsBy = groupBy(variants, 'product_id');
  const result = new Map<string, Product>();
  for (const row of products) {
    const id = str(row.id);
    const product: Product = { name: str(row.name), product_id: id, variants: {} };
    for (const v of variantsBy.get(id) ?? []) {
      product.variants[str(v.item_id)] = { item_id: str(v.item_id), options: v.options as Record<string, string>, available: v.available as boolean, price: v.price as number };
    }
    result.set(id, product);
  }
  return result;
}
