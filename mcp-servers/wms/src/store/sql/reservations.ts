import { conflict, failedPrecondition, notFound, type Queryable } from '@agentic-commerce/kit';
import { allocate } from '../../domain/allocate.ts';
import { normalizeLines, sameUnits } from '../../domain/normalize-lines.ts';
import { reservationIdFor, type Reservation, type ReservationRequest, type StockLevel, type Warehouse } from '../../domain/types.ts';
import { STOCK_COLUMNS } from './columns.ts';
import { applyStockDeltas, recordMovements } from './movements.ts';

export async function selectReservation(q: Queryable, s: string, orderId: string): Promise<Reservation | undefined> {
  const [row] = await q.query<Reservation>(
    `SELECT id AS "reservationId", order_id AS "orderId", customer_id AS "customerId", status, ship_to_zip AS "shipToZip",
            lines, created_at AS "createdAt", updated_at AS "updatedAt"
     FROM ${s}.reservations WHERE order_id = $1`,
    [orderId],
  );
  return row;
}

/** Serialises writers of one order's reservation for the rest of the transaction. */
async function lockOrder(q: Queryable, s: string, orderId: string): Promise<Reservation | undefined> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${s}:reservation:${orderId}`]);
  return selectReservation(q, s, orderId);
}

/** `created` is false when the order already held an active reservation of these lines: this call held nothing. */
export async function reserveStock(q: Queryable, s: string, warehouses: Warehouse[], request: ReservationRequest, at: Date): Promise<Reservation & { created: boolean }> {
  const lines = normalizeLines(request.lines);
  const existing = await lockOrder(q, s, request.orderId);
  if (existing && existing.customerId !== request.customerId) {
    throw conflict(`order ${request.orderId} already has a reservation for another customer; reservations are per order`);
  }
  if (existing?.status === 'consumed') {
    throw failedPrecondition(`the reservation of order ${request.orderId} is 'consumed' (the order shipped); only pending orders can reserve stock`);
  }
  if (existing?.status === 'active') {
    if (sameUnits(existing.lines, lines)) return { ...existing, created: false };
    throw conflict(`order ${request.orderId} already holds an active reservation with other lines; release it first, then reserve the new lines`);
  }
  const stock = await q.query<StockLevel>(
    `SELECT ${STOCK_COLUMNS} FROM ${s}.stock WHERE item_id = ANY($1::text[]) ORDER BY item_id, warehouse_id FOR UPDATE`,
    [lines.map((l) => l.itemId)],
  );
  const allocation = allocate(lines, stock, warehouses, request.shipToZip);
  const deltas = allocation.lines.map((l) => ({ itemId: l.itemId, warehouseId: l.warehouseId, onHandDelta: 0, reservedDelta: l.quantity }));
  await applyStockDeltas(q, s, deltas);
  const allocated = JSON.stringify(allocation.lines.map((l) => ({ itemId: l.itemId, warehouseId: l.warehouseId, quantity: l.quantity })));
  await q.query(
    `INSERT INTO ${s}.reservations (id, order_id, customer_id, status, ship_to_zip, lines, created_at, updated_at)
     VALUES ($1, $2, $3, 'active', $4, $5, $6, $6)
     ON CONFLICT (order_id) DO UPDATE SET status = 'active', ship_to_zip = EXCLUDED.ship_to_zip, lines = EXCLUDED.lines, updated_at = EXCLUDED.updated_at`,
    [reservationIdFor(request.orderId), request.orderId, request.customerId, request.shipToZip ?? null, allocated, at.toISOString()],
  );
  await recordMovements(q, s, deltas, 'reservation', request.orderId, at);
  return { ...(await selectReservation(q, s, request.orderId))!, created: true };
}

/** Ends an active reservation: `release` returns the units to available stock, `consume` ships them out of on-hand. */
export async function endReservation(q: Queryable, s: string, orderId: string, outcome: 'released' | 'consumed', at: Date): Promise<Reservation> {
  const existing = await lockOrder(q, s, orderId);
  if (!existing) throw notFound(`no reservation for order ${orderId}`);
  if (existing.status === outcome) return existing;
  if (existing.status !== 'active') {
    const verb = outcome === 'released' ? 'released' : 'consumed';
    throw failedPrecondition(`the reservation of order ${orderId} is '${existing.status}'; only an 'active' reservation can be ${verb}`);
  }
  const deltas = existing.lines.map((l) => ({
    itemId: l.itemId,
    warehouseId: l.warehouseId,
    onHandDelta: outcome === 'consumed' ? -l.quantity : 0,
    reservedDelta: -l.quantity,
  }));
  await applyStockDeltas(q, s, deltas);
  await q.query(`UPDATE ${s}.reservations SET status = $2, updated_at = $3 WHERE order_id = $1`, [orderId, outcome, at.toISOString()]);
  await recordMovements(q, s, deltas, outcome === 'released' ? 'release' : 'shipment', orderId, at);
  return (await selectReservation(q, s, orderId))!;
}
