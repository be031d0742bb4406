import { assertSchemaName, invalidArgument, type Queryable } from '@agentic-commerce/kit';
import type { AllocatedLine, FulfillmentStatus, ReservationStatus, Warehouse } from '../domain/types.ts';
import { reservationIdFor } from '../domain/types.ts';
import { applyStockDeltas } from './sql/movements.ts';

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
      `INSERT INTO ${s}.reservations (id, order_id, customer_id, status, ship_to_zip, lines, created_at, updated_at)
       SELECT r.id, r.order_id, r.customer_id, r.status, r.zip, r.lines, r.created_at, r.created_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::timestamptz[]) AS r(id, order_id, customer_id, status, zip, lines, created_at)`,
      [
        rows.map((r) => reservationIdFor(r.orderId)),
        rows.map((r) => r.orderId),
        rows.map((r) => r.customerId),
        rows.map((r) => r.status),
        rows.map((r) => r.shipToZip ?? null),
        rows.map((r) => JSON.stringify(r.lines.map((l) => ({ itemId: l.itemId, warehouseId: l.warehouseId, quantity: l.quantity })))),
        rows.map((r) => r.createdAt),
      ],
    );
    await reserveLoadedLines(q, s, rows);
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

/**
 * Adds the chunk's active reservations to `stock.reserved` and records their "reservation" movements. Aggregates in
 * memory, then checks, updates and appends with one `unnest` statement each.
 */
async function reserveLoadedLines(q: Queryable, s: string, reservations: NonNullable<WmsBulkData['reservations']>): Promise<void> {
  const active = reservations.filter((r) => r.status === 'active');
  if (active.length === 0) return;
  const totals = new Map<string, { itemId: string; warehouseId: string; quantity: number; orderId: string }>();
  for (const r of active) {
    for (const l of r.lines) {
      const key = `${l.itemId}@${l.warehouseId}`;
      const total = totals.get(key) ?? { itemId: l.itemId, warehouseId: l.warehouseId, quantity: 0, orderId: r.orderId };
      total.quantity += l.quantity;
      totals.set(key, total);
    }
  }
  const rows = [...totals.values()];
  const [bad] = await q.query<{ itemId: string; warehouseId: string; onHand: number | null; reserved: number | null }>(
    `SELECT d.item_id AS "itemId", d.warehouse_id AS "warehouseId", st.on_hand AS "onHand", st.reserved + d.quantity AS reserved
     FROM unnest($1::text[], $2::text[], $3::int[]) AS d(item_id, warehouse_id, quantity)
     LEFT JOIN ${s}.stock st ON st.item_id = d.item_id AND st.warehouse_id = d.warehouse_id
     WHERE st.item_id IS NULL OR st.reserved + d.quantity > st.on_hand LIMIT 1`,
    [rows.map((r) => r.itemId), rows.map((r) => r.warehouseId), rows.map((r) => r.quantity)],
  );
  if (bad && bad.onHand === null) {
    const orderId = totals.get(`${bad.itemId}@${bad.warehouseId}`)?.orderId;
    throw invalidArgument(`bulk load: order ${orderId} reserves item ${bad.itemId} in ${bad.warehouseId}, which has no stock row; load stock for every reserved variant first`);
  }
  if (bad) {
    throw invalidArgument(
      `bulk load: active reservations would hold ${bad.reserved} units of item ${bad.itemId} in ${bad.warehouseId}, which has ${bad.onHand} on hand; load more stock or fewer active reservations`,
    );
  }
  await applyStockDeltas(q, s, rows.map((r) => ({ itemId: r.itemId, warehouseId: r.warehouseId, onHandDelta: 0, reservedDelta: r.quantity })));
  const moves = active.flatMap((r) => r.lines.map((l) => ({ at: r.createdAt, orderId: r.orderId, ...l })));
  await q.query(
    `INSERT INTO ${s}.stock_movements (at, item_id, warehouse_id, on_hand_delta, reserved_delta, reason, reference)
     SELECT m.at, m.item_id, m.warehouse_id, 0, m.quantity, 'reservation', m.reference
     FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::int[], $5::text[]) AS m(at, item_id, warehouse_id, quantity, reference)`,
    [moves.map((m) => m.at), moves.map((m) => m.itemId), moves.map((m) => m.warehouseId), moves.map((m) => m.quantity), moves.map((m) => m.orderId)],
  );
}
