import type { Queryable } from '@agentic-commerce/kit';
import type { MovementReason } from '../../domain/types.ts';

export interface MovementRow {
  itemId: string;
  warehouseId: string;
  onHandDelta: number;
  reservedDelta: number;
}

/** Appends one movement per row in a single statement. */
export async function recordMovements(
  q: Queryable,
  s: string,
  rows: readonly MovementRow[],
  reason: MovementReason,
  reference: string | null,
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO ${s}.stock_movements (at, item_id, warehouse_id, on_hand_delta, reserved_delta, reason, reference)
     SELECT $1, m.item_id, m.warehouse_id, m.on_hand_delta, m.reserved_delta, $6, $7
     FROM unnest($2::text[], $3::text[], $4::int[], $5::int[]) AS m(item_id, warehouse_id, on_hand_delta, reserved_delta)`,
    [
      at.toISOString(),
      rows.map((r) => r.itemId),
      rows.map((r) => r.warehouseId),
      rows.map((r) => r.onHandDelta),
      rows.map((r) => r.reservedDelta),
      reason,
      reference,
    ],
  );
}

/** Applies on-hand/reserved deltas to stock rows (one row per item and warehouse) in a single statement. */
export async function applyStockDeltas(q: Queryable, s: string, rows: readonly MovementRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `UPDATE ${s}.stock st SET on_hand = st.on_hand + d.on_hand_delta, reserved = st.reserved + d.reserved_delta
     FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS d(item_id, warehouse_id, on_hand_delta, reserved_delta)
     WHERE st.item_id = d.item_id AND st.warehouse_id = d.warehouse_id`,
    [rows.map((r) => r.itemId), rows.map((r) => r.warehouseId), rows.map((r) => r.onHandDelta), rows.map((r) => r.reservedDelta)],
  );
}
