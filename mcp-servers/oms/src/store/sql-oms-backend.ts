import { assertSchemaName, transactionalBackend, type BackendFactory, type Queryable } from '@agentic-commerce/kit';
import type { OrderStatus } from '../domain/records.ts';
import type { OmsBackend, OrderAllocation, OrderSummary, OrderTimeline } from './oms-backend.ts';
import { loadCustomers, loadOrders, loadProducts } from './sql-oms-bulk-load.ts';
import { readCustomers, readOrders, readProducts, timelineOf } from './sql-oms-reads.ts';
import { applyOrderChange, insertOrder, setCustomerAddress, setOrderAllocations } from './sql-oms-writes.ts';

/** The reference OMS on PostgreSQL / PGlite: `sqlOmsBackend('oms')(db)` or, in a write, `(tx)`. */
export function sqlOmsBackend(schema = 'oms'): BackendFactory<OmsBackend> {
  const s = assertSchemaName(schema);
  // Every change is a statement on `q`, so a write commits or rolls back with its call (kit tool.ts, `effects`).
  return transactionalBackend((q) => {
    // Times of the orders this backend (one call's, in its transaction) read locked: no one can change them before it ends.
    const lockedTimelines = new Map<string, OrderTimeline>();
    return {
      async findCustomerIdByEmail(email) {
        const rows = await q.query<{ id: string }>(`SELECT id FROM ${s}.customers WHERE lower(email) = lower($1) ORDER BY id LIMIT 1`, [email]);
        return rows[0]?.id;
      },
      async findCustomerIdByNameZip(firstName, lastName, zip) {
        const rows = await q.query<{ id: string }>(
          `SELECT id FROM ${s}.customers WHERE lower(first_name) = lower($1) AND lower(last_name) = lower($2) AND zip = $3 ORDER BY id LIMIT 1`,
          [firstName, lastName, zip],
        );
        return rows[0]?.id;
      },
      // Lock, then read, in two statements: the read's snapshot is taken after the lock is granted, so it sees every
      // row (items, payments, returns...) a transaction that held the lock committed. One `SELECT … FOR UPDATE OF`
      // would re-check only the locked row and read the joined rows as of before it waited.
      async getCustomer(userId, options) {
        if (options?.lock) await q.query(`SELECT 1 FROM ${s}.customers WHERE id = $1 FOR UPDATE`, [userId]);
        return (await readCustomers(q, s, [userId])).get(userId);
      },
      async getOrder(orderId, options) {
        if (!options?.lock) return (await readOrders(q, s, [orderId])).get(orderId);
        await q.query(`SELECT 1 FROM ${s}.orders WHERE id = $1 FOR UPDATE`, [orderId]);
        return (await readOrders(q, s, [orderId], lockedTimelines)).get(orderId);
      },
      async getOrderTimeline(orderId) {
        const locked = lockedTimelines.get(orderId);
        if (locked) return locked;
        const [row] = await q.query<{ placed_at: string | null; delivered_at: string | null }>(`SELECT placed_at, delivered_at FROM ${s}.orders WHERE id = $1`, [orderId]);
        return row ? timelineOf(row.placed_at, row.delivered_at) : undefined;
      },
      async getOrderAllocations(orderId) {
        return q.query<OrderAllocation>(`SELECT kind, reference FROM ${s}.order_allocations WHERE order_id = $1 ORDER BY kind, reference`, [orderId]);
      },
      async listCustomerOrders(userId, { statuses, limit, offset }) {
        const rows = await q.query<{ id: string; status: OrderStatus; item_count: number; total: number | null; placed_at: string | null }>(
          `SELECT o.id, o.status, o.placed_at,
                  (SELECT count(*)::int FROM ${s}.order_items i WHERE i.order_id = o.id) AS item_count,
                  (SELECT sum(i.price) FROM ${s}.order_items i WHERE i.order_id = o.id) AS total
             FROM ${s}.orders o
            WHERE o.customer_id = $1 AND ($2::text[] IS NULL OR o.status = ANY($2::text[]))
            ORDER BY o.customer_position DESC LIMIT $3 OFFSET $4`,
          [userId, statuses ? [...statuses] : null, limit, offset],
        );
        return rows.map((r): OrderSummary => ({ orderId: r.id, status: r.status, itemCount: r.item_count, total: r.total ?? 0, placedAt: r.placed_at ?? undefined }));
      },
      async getProduct(productId) {
        return (await readProducts(q, s, [productId])).get(productId);
      },
      async listProductTypes() {
        return q.query<{ name: string; product_id: string }>(`SELECT name, id AS product_id FROM ${s}.products ORDER BY name, id`);
      },
      applyOrderChange: (change, at) => applyOrderChange(q, s, change, at),
      setCustomerAddress: (userId, address) => setCustomerAddress(q, s, userId, address),
      async setVariantAvailability(itemId, available) {
        const rows = await q.query<{ product_id: string }>(`UPDATE ${s}.variants SET available = $2 WHERE item_id = $1 AND available <> $2 RETURNING product_id`, [itemId, available]);
        if (rows[0]) await q.query(`UPDATE ${s}.products SET revision = revision + 1 WHERE id = $1`, [rows[0].product_id]);
      },
      insertOrder: (order, meta) => insertOrder(q, s, order, meta),
      async orderIdExists(orderId) {
        return (await q.query(`SELECT 1 FROM ${s}.orders WHERE id = $1`, [orderId])).length > 0;
      },
      loadCustomers: (customers) => loadCustomers(q, s, customers),
      async loadProducts(products) {
        const [row] = await q.query<{ next: number }>(`SELECT coalesce(max(position) + 1, 0) AS next FROM ${s}.products`);
        await loadProducts(q, s, products, row?.next ?? 0);
      },
      setOrderAllocations: (orderId, kind, references) => setOrderAllocations(q, s, orderId, kind, references),
      loadOrders: (orders, extras) => loadOrders(q, s, orders, extras),
      getCustomers: (ids) => readCustomers(q, s, ids),
      getOrders: (ids) => readOrders(q, s, ids),
      getProducts: (ids) => readProducts(q, s, ids),
      async changedRecordIds() {
        const ids = (table: string) => q.query<{ id: string }>(`SELECT id FROM ${s}.${table} WHERE revision > 0 ORDER BY id`).then((rows) => rows.map((r) => r.id));
        return { users: await ids('customers'), orders: await ids('orders'), products: await ids('products') };
      },
    };
  });
}
