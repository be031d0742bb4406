import { assertSchemaName, invalidArgument, type Queryable } from '@agentic-commerce/kit';
import type { AllocatedLine, FulfillmentStatus, ReservationStatus, Warehouse } from '../domain/types.ts';
import { reservationIdFor } from '../domain/types.ts';

export interface WmsBulkData {
  warehouses?: Warehouse[];
  /** On-hand units per variant and warehouse; reserved units are derived from the active reservations below. */
  stock?: { itemId: string; warehouseId: string; onHand: number }[];
  thresholds?: { itemId: string; threshold: number }[];
  reservations?: { orderId: string; customerId: string; status: ReservationStatus; shipToZip?: string | null; lines: AllocatedLine[]; createdAt: string }[];
  fulfillments?: { trackingId: string; orderId: string; customerId: string; warehouseId: string; status: FulfillmentStatus; itemIds: string[]; updatedAt: string }[];
}

export interface WmsBulkCounts {
  warehouses: number;
  stock: number;
  reservations: number;
  reservationLines: number;
  fulfillments: number;
}

/** Rows per statement: large enough to amortise round trips, small enough for PGlite's memory. */
const CHUNK = 5_000;

async function chunked<T>(rows: readonly T[] | undefined, load: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < (rows?.length ?? 0); i += CHUNK) await load(rows!.slice(i, i + CHUNK));
}

/**
 * Loads a world's WMS data with multi-row `unnest` inserts (a few statements per 5,000 rows), derives `reserved`
 * from the active reservations and writes the matching movements ("initial" per stock row, "reservation" per active
 * line). May be called several times (e.g. stock first, then orders in batches); run each call in a transaction.
 * Reservations exceeding on-hand stock, or naming a variant without a stock row, are refused with a clear error.
 */
export async function bulkLoadWms(q: Queryable, schema: string, data: WmsBulkData, at: Date): Promise<WmsBulkCounts> {
  const s = assertSchemaName(schema);
  const iso = at.toISOString();
  await chunked(data.warehouses, (rows) =>
    q.query(
      `INSERT INTO ${s}.warehouses (id, name, region, zip_prefixes)
       SELECT w.id, w.name, w.region, string_to_array(w.prefixes, ',') FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS w(id, name, region, prefixes)`,
      [rows.map((r) => r.id), rows.map((r) => r.name), rows.map((r) => r.region), rows.map((r) => r.zipPrefixes.join(','))],
    ),
  );
  await chunked(data.stock, async (rows) => {
    const params = [rows.map((r) => r.itemId), rows.map((r) => r.warehouseId), rows.map((r) => r.onHand)];
    await q.query(`INSERT INTO ${s}.stock (item_id, warehouse_id, on_hand) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])`, params);
    await q.query(
      `INSERT INTO ${s}.stock_movements (at, item_id, warehouse_id, on_hand_delta, reserved_delta, reason)
       SELECT $4, m.item_id, m.warehouse_id, m.on_hand, 0, 'initial' FROM unnest($1::text[], $2::text[], $3::int[]) AS m(item_id, warehouse_id, on_hand)
       WHERE m.on_hand > 0`,
      [...params, iso],
    );
  });
  await chunked(data.thresholds, (rows) =>
    q.query(`INSERT INTO ${s}.low_stock_thresholds (item_id, threshold) SELECT * FROM unnest($1::text[], $2::int[])`, [
      rows.map((r) => r.itemId),
      rows.map((r) => r.threshold),
    ]),
  );
  await chunked(data.reservations, async (rows) => {
    await q.query(
      `INSERT INTO ${s}.reservations (id, order_id, customer_id, status, ship_to_zip, created_at, updated_at)
       SELECT r.id, r.order_id, r.customer_id, r.status, r.zip, r.created_at, r.created_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS r(id, order_id, customer_id, status, zip, created_at)`,
      [
        rows.map((r) => reservationIdFor(r.orderId)),
        rows.map((r) => r.orderId),
        rows.map((r) => r.customerId),
        rows.map((r) => r.status),
        rows.map((r) => r.shipToZip ?? null),
        rows.map((r) => r.createdAt),
      ],
    );
    const lines = rows.flatMap((r) => r.lines.map((l, i) => ({ id: reservationIdFor(r.orderId), no: i + 1, ...l })));
    await q.query(
      `INSERT INTO ${s}.reservation_lines (reservation_id, line_no, item_id, warehouse_id, quantity)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[])`,
      [lines.map((l) => l.id), lines.map((l) => l.no), lines.map((l) => l.itemId), lines.map((l) => l.warehouseId), lines.map((l) => l.quantity)],
    );
    await reserveLoadedLines(q, s, rows.filter((r) => r.status === 'active').map((r) => r.orderId));
  });
  await chunked(data.fulfillments, (rows) =>
    q.query(
      `INSERT INTO ${s}.fulfillments (tracking_id, order_id, customer_id, warehouse_id, status, item_ids, updated_at)
       SELECT f.tracking_id, f.order_id, f.customer_id, f.warehouse_id, f.status, string_to_array(f.item_ids, ','), f.updated_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
         AS f(tracking_id, order_id, customer_id, warehouse_id, status, item_ids, updated_at)`,
      [
        rows.map((r) => r.trackingId),
        rows.map((r) => r.orderId),
        rows.map((r) => r.customerId),
        rows.map((r) => r.warehouseId),
        rows.map((r) => r.status),
        rows.map((r) => r.itemIds.join(',')),
        rows.map((r) => r.updatedAt),
      ],
    ),
  );
  return {
    warehouses: data.warehouses?.length ?? 0,
    stock: data.stock?.length ?? 0,
    reservations: data.reservations?.length ?? 0,
    reservationLines: data.reservations?.reduce((n, r) => n + r.lines.length, 0) ?? 0,
    fulfillments: data.fulfillments?.length ?? 0,
  };
}

/** Adds the active reservations of `orderIds` to `stock.reserved` and records their "reservation" movements. */
async function reserveLoadedLines(q: Queryable, s: string, orderIds: string[]): Promise<void> {
  if (orderIds.length === 0) return;
  const active = `FROM ${s}.reservation_lines l JOIN ${s}.reservations r ON r.id = l.reservation_id WHERE r.order_id = ANY($1::text[])`;
  const [orphan] = await q.query<{ itemId: string; warehouseId: string; orderId: string }>(
    `SELECT l.item_id AS "itemId", l.warehouse_id AS "warehouseId", r.order_id AS "orderId" ${active}
     AND NOT EXISTS (SELECT 1 FROM ${s}.stock st WHERE st.item_id = l.item_id AND st.warehouse_id = l.warehouse_id) LIMIT 1`,
    [orderIds],
  );
  if (orphan) {
    throw invalidArgument(
      `bulk load: order ${orphan.orderId} reserves item ${orphan.itemId} in ${orphan.warehouseId}, which has no stock row; load stock for every reserved variant first`,
    );
  }
  const [over] = await q.query<{ itemId: string; warehouseId: string; onHand: number; reserved: number }>(
    `SELECT st.item_id AS "itemId", st.warehouse_id AS "warehouseId", st.on_hand AS "onHand", st.reserved + agg.quantity AS reserved
     FROM ${s}.stock st JOIN (SELECT l.item_id, l.warehouse_id, sum(l.quantity)::int AS quantity ${active} GROUP BY l.item_id, l.warehouse_id) agg
       ON st.item_id = agg.item_id AND st.warehouse_id = agg.warehouse_id
     WHERE st.reserved + agg.quantity > st.on_hand ORDER BY 1, 2 LIMIT 1`,
    [orderIds],
  );
  if (over) {
    throw invalidArgument(
      `bulk load: active reservations would hold ${over.reserved} units of item ${over.itemId} in ${over.warehouseId}, which has ${over.onHand} on hand; load more stock or fewer active reservations`,
    );
  }
  await q.query(
    `UPDATE ${s}.stock st SET reserved = st.reserved + agg.quantity
     FROM (SELECT l.item_id, l.warehouse_id, sum(l.quantity)::int AS quantity ${active} GROUP BY l.item_id, l.warehouse_id) agg
     WHERE st.item_id = agg.item_id AND st.warehouse_id = agg.warehouse_id`,
    [orderIds],
  );
  await q.query(
    `INSERT INTO ${s}.stock_movements (at, item_id, warehouse_id, on_hand_delta, reserved_delta, reason, reference)
     SELECT r.created_at, l.item_id, l.warehouse_id, 0, l.quantity, 'reservation', r.order_id ${active}
     ORDER BY r.created_at, r.order_id, l.line_no`,
    [orderIds],
  );
}
