import type { Queryable } from '@agentic-commerce/kit';
import type { Address, Order, OrderItem, OrderStatus, PaymentMethod, Product, Transaction, User } from '../domain/records.ts';

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

export async function readCustomers(q: Queryable, s: string, ids?: readonly string[]): Promise<Map<string, User>> {
  const f = filter('id', ids);
  const fc = filter('customer_id', ids);
  const [customers, methods, orders] = await Promise.all([
    q.query(`SELECT * FROM ${s}.customers ${f.where} ORDER BY id`, f.params),
    q.query(`SELECT * FROM ${s}.payment_methods ${fc.where} ORDER BY customer_id, position`, fc.params),
    q.query(`SELECT id, customer_id FROM ${s}.orders ${fc.where} ORDER BY customer_id, customer_position`, fc.params),
  ]);
  const methodsBy = groupBy(methods, 'customer_id');
  const ordersBy = groupBy(orders, 'customer_id');
  const result = new Map<string, User>();
  for (const row of customers) {
    const id = str(row.id);
    const paymentMethods: Record<string, PaymentMethod> = {};
    for (const m of methodsBy.get(id) ?? []) {
      const method: PaymentMethod = { source: m.source as PaymentMethod['source'], id: str(m.id) };
      if (m.brand !== null) method.brand = str(m.brand);
      if (m.last_four !== null) method.last_four = str(m.last_four);
      if (m.balance !== null) method.balance = m.balance as number;
      paymentMethods[method.id] = method;
    }
    result.set(id, {
      name: { first_name: str(row.first_name), last_name: str(row.last_name) },
      address: addressOf(row),
      email: str(row.email),
      payment_methods: paymentMethods,
      orders: (ordersBy.get(id) ?? []).map((o) => str(o.id)),
    });
  }
  return result;
}

export async function readOrders(q: Queryable, s: string, ids?: readonly string[]): Promise<Map<string, Order>> {
  const f = filter('id', ids);
  const fo = filter('order_id', ids);
  const [orders, items, fulfillments, payments, cancellations, returns, exchanges] = await Promise.all([
    q.query(`SELECT * FROM ${s}.orders ${f.where} ORDER BY id`, f.params),
    q.query(`SELECT * FROM ${s}.order_items ${fo.where} ORDER BY order_id, position`, fo.params),
    q.query(`SELECT * FROM ${s}.fulfillments ${fo.where} ORDER BY order_id, position`, fo.params),
    q.query(`SELECT * FROM ${s}.payment_transactions ${fo.where} ORDER BY order_id, seq`, fo.params),
    q.query(`SELECT * FROM ${s}.cancellations ${fo.where}`, fo.params),
    q.query(`SELECT * FROM ${s}.returns ${fo.where}`, fo.params),
    q.query(`SELECT * FROM ${s}.exchanges ${fo.where}`, fo.params),
  ]);
  const itemsBy = groupBy(items, 'order_id');
  const fulfillmentsBy = groupBy(fulfillments, 'order_id');
  const paymentsBy = groupBy(payments, 'order_id');
  const cancelBy = new Map(cancellations.map((r) => [str(r.order_id), r]));
  const returnBy = new Map(returns.map((r) => [str(r.order_id), r]));
  const exchangeBy = new Map(exchanges.map((r) => [str(r.order_id), r]));
  const result = new Map<string, Order>();
  for (const row of orders) {
    const id = str(row.id);
    const order: Order = {
      order_id: id,
      user_id: str(row.customer_id),
      address: addressOf(row),
      items: (itemsBy.get(id) ?? []).map(
        (i): OrderItem => ({ name: str(i.name), product_id: str(i.product_id), item_id: str(i.item_id), price: i.price as number, options: i.options as Record<string, string> }),
      ),
      fulfillments: (fulfillmentsBy.get(id) ?? []).map((x) => ({ tracking_id: x.tracking_ids as string[], item_ids: x.item_ids as string[] })),
      status: row.status as OrderStatus,
      payment_history: (paymentsBy.get(id) ?? []).map(
        (p): Transaction => ({ transaction_type: p.transaction_type as Transaction['transaction_type'], amount: p.amount as number, payment_method_id: str(p.payment_method_id) }),
      ),
    };
    const cancellation = cancelBy.get(id);
    if (cancellation) order.cancel_reason = str(cancellation.reason);
    const ret = returnBy.get(id);
    if (ret) {
      order.return_items = [...(ret.item_ids as string[])].sort();
      order.return_payment_method_id = str(ret.payment_method_id);
    }
    const exchange = exchangeBy.get(id);
    if (exchange) {
      order.exchange_items = [...(exchange.item_ids as string[])].sort();
      order.exchange_new_items = [...(exchange.new_item_ids as string[])].sort();
      order.exchange_payment_method_id = str(exchange.payment_method_id);
      order.exchange_price_difference = exchange.price_difference as number;
    }
    result.set(id, order);
  }
  return result;
}

export async function readProducts(q: Queryable, s: string, ids?: readonly string[]): Promise<Map<string, Product>> {
  const f = filter('id', ids);
  const fv = filter('product_id', ids);
  const [products, variants] = await Promise.all([
    q.query(`SELECT * FROM ${s}.products ${f.where} ORDER BY position`, f.params),
    q.query(`SELECT * FROM ${s}.variants ${fv.where} ORDER BY product_id, position`, fv.params),
  ]);
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
