import type { Queryable } from '@agentic-commerce/kit';
import type { GiftCardBalance, OrderChange } from '../domain/order-change.ts';
import type { Address, Order } from '../domain/records.ts';
import { loadOrders } from './sql-oms-bulk-load.ts';
import type { OrderAllocation } from './oms-backend.ts';

async function setGiftCardBalances(q: Queryable, s: string, customerId: string, balances: readonly GiftCardBalance[]): Promise<void> {
  if (balances.length === 0) return;
  await q.query(
    `UPDATE ${s}.payment_methods AS m SET balance = u.balance
       FROM unnest($2::text[], $3::numeric[]) AS u(id, balance)
      WHERE m.id = u.id AND m.customer_id = $1 AND m.source = 'gift_card'`,
    [customerId, balances.map((b) => b.paymentMethodId), balances.map((b) => b.balance)],
  );
  await q.query(`UPDATE ${s}.customers SET revision = revision + 1 WHERE id = $1`, [customerId]);
}

/** Persists a domain rule's decision. Runs in the caller's transaction; the rule already checked everything. */
export async function applyOrderChange(q: Queryable, s: string, change: OrderChange, at: Date): Promise<void> {
  const { orderId } = change;
  const a = change.address;
  const [order] = await q.query<{ customer_id: string }>(
    `UPDATE ${s}.orders SET revision = revision + 1,
            status = coalesce($2, status),
            address1 = coalesce($3, address1), address2 = coalesce($4, address2), city = coalesce($5, city),
            state = coalesce($6, state), country = coalesce($7, country), zip = coalesce($8, zip)
      WHERE id = $1 RETURNING customer_id`,
    [orderId, change.status ?? null, a?.address1 ?? null, a?.address2 ?? null, a?.city ?? null, a?.state ?? null, a?.country ?? null, a?.zip ?? null],
  );
  if (!order) throw new Error(`applyOrderChange: order ${orderId} does not exist`);
  if (change.replaceItems?.length) {
    const [{ seq = 0 } = {}] = await q.query<{ seq: number }>(`SELECT count(*)::int AS seq FROM ${s}.item_modifications WHERE order_id = $1`, [orderId]);
    let next = seq;
    for (const { position, item } of change.replaceItems) {
      const [old] = await q.query<{ item_id: string }>(`SELECT item_id FROM ${s}.order_items WHERE order_id = $1 AND position = $2`, [orderId, position]);
      await q.query(`UPDATE ${s}.order_items SET item_id = $3, price = $4, options = $5::jsonb, list_price = $6 WHERE order_id = $1 AND position = $2`, [
        orderId,
        position,
        item.item_id,
        item.price,
        JSON.stringify(item.options),
        item.list_price ?? null,
      ]);
      await q.query(`INSERT INTO ${s}.item_modifications VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        orderId,
        next++,
        position,
        old?.item_id ?? item.item_id,
        item.item_id,
        item.price,
        at.toISOString(),
      ]);
    }
  }
  if (change.appendTransactions?.length) {
    const list = change.appendTransactions;
    await q.query(
      `INSERT INTO ${s}.payment_transactions (order_id, seq, transaction_type, amount, payment_method_id, created_at)
       SELECT $1, base.n + u.ord - 1, u.kind, u.amount, u.method, $5
         FROM (SELECT coalesce(max(seq) + 1, 0) AS n FROM ${s}.payment_transactions WHERE order_id = $1) AS base,
              unnest($2::text[], $3::numeric[], $4::text[]) WITH ORDINALITY AS u(kind, amount, method, ord)`,
      [orderId, list.map((t) => t.transaction_type), list.map((t) => t.amount), list.map((t) => t.payment_method_id), at.toISOString()],
    );
  }
  if (change.cancelReason !== undefined) {
    await q.query(`INSERT INTO ${s}.cancellations VALUES ($1, $2, $3)`, [orderId, change.cancelReason, at.toISOString()]);
  }
  if (change.returnRequest) {
    const r = change.returnRequest;
    await q.query(`INSERT INTO ${s}.returns VALUES ($1, $2, $3::text[], $4)`, [orderId, r.paymentMethodId, r.itemIds, at.toISOString()]);
  }
  if (change.exchangeRequest) {
    const x = change.exchangeRequest;
    await q.query(`INSERT INTO ${s}.exchanges VALUES ($1, $2, $3::text[], $4::text[], $5, $6)`, [
      orderId,
      x.paymentMethodId,
      x.pairs.map((p) => p.itemId),
      x.pairs.map((p) => p.newItemId),
      x.priceDifference,
      at.toISOString(),
    ]);
  }
  await setGiftCardBalances(q, s, order.customer_id, change.giftCardBalances ?? []);
}

export async function setCustomerAddress(q: Queryable, s: string, userId: string, a: Address): Promise<void> {
  await q.query(
    `UPDATE ${s}.customers SET address1 = $2, address2 = $3, city = $4, state = $5, country = $6, zip = $7, revision = revision + 1 WHERE id = $1`,
    [userId, a.address1, a.address2, a.city, a.state, a.country, a.zip],
  );
}

export async function insertOrder(
  q: Queryable,
  s: string,
  order: Order,
  meta: { placedAt: Date; allocations: OrderAllocation[]; giftCardBalances: GiftCardBalance[] },
): Promise<void> {
  await loadOrders(q, s, [order], {
    timelines: new Map([[order.order_id, { placedAt: meta.placedAt.toISOString() }]]),
    allocations: new Map([[order.order_id, meta.allocations]]),
  });
  await q.query(`UPDATE ${s}.orders SET revision = revision + 1 WHERE id = $1`, [order.order_id]);
  await q.query(`UPDATE ${s}.customers SET revision = revision + 1 WHERE id = $1`, [order.user_id]);
  await setGiftCardBalances(q, s, order.user_id, meta.giftCardBalances);
}

export async function setOrderAllocations(q: Queryable, s: string, orderId: string, kind: OrderAllocation['kind'], references: readonly string[]): Promise<void> {
  await q.query(`DELETE FROM ${s}.order_allocations WHERE order_id = $1 AND kind = $2`, [orderId, kind]);
  await q.query(`INSERT INTO ${s}.order_allocations SELECT $1, $2, reference FROM unnest($3::text[]) AS u(reference) ON CONFLICT DO NOTHING`, [orderId, kind, [...references]]);
  await q.query(`UPDATE ${s}.orders SET revision = revision + 1 WHERE id = $1`, [orderId]);
}
