import { failedPrecondition, invalidArgument, notFound, type Queryable } from '@agentic-commerce/kit';
import type { LowStockItem, StockLevel } from '../../domain/types.ts';
import type { LowStockQuery, StockAdjustment } from '../wms-backend.ts';
import { STOCK_COLUMNS } from './columns.ts';
import { recordMovements } from './movements.ts';

export async function selectAvailability(q: Queryable, s: string, itemIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await q.query<{ itemId: string; available: number }>(
    `SELECT item_id AS "itemId", sum(on_hand - reserved)::int AS available FROM ${s}.stock WHERE item_id = ANY($1::text[]) GROUP BY item_id`,
    [[...itemIds]],
  );
  const result = new Map<string, number>(itemIds.map((id) => [id, 0]));
  for (const row of rows) result.set(row.itemId, row.available);
  return result;
}

export async function adjustStock(q: Queryable, s: string, adjustment: StockAdjustment, at: Date): Promise<StockLevel> {
  const { itemId, warehouseId, delta } = adjustment;
  if (!Number.isInteger(delta) || delta === 0) throw invalidArgument(`delta ${delta} is invalid: use a non-zero whole number of units`);
  const [warehouse] = await q.query(`SELECT 1 FROM ${s}.warehouses WHERE id = $1`, [warehouseId]);
  if (!warehouse) throw notFound(`no warehouse ${warehouseId}`);
  const [current] = await q.query<StockLevel>(`SELECT ${STOCK_COLUMNS} FROM ${s}.stock WHERE item_id = $1 AND warehouse_id = $2 FOR UPDATE`, [
    itemId,
    warehouseId,
  ]);
  const onHand = (current?.onHand ?? 0) + delta;
  const reserved = current?.reserved ?? 0;
  if (onHand < reserved) {
    throw failedPrecondition(
      `item ${itemId} in ${warehouseId} has ${current?.onHand ?? 0} on hand and ${reserved} reserved; removing ${-delta} would leave reserved units without stock (at most ${(current?.onHand ?? 0) - reserved} can be removed)`,
    );
  }
  await q.query(
    `INSERT INTO ${s}.stock (item_id, warehouse_id, on_hand, reserved) VALUES ($1, $2, $3, 0)
     ON CONFLICT (item_id, warehouse_id) DO UPDATE SET on_hand = EXCLUDED.on_hand`,
    [itemId, warehouseId, onHand],
  );
  await recordMovements(q, s, [{ itemId, warehouseId, onHandDelta: delta, reservedDelta: 0 }], adjustment.reason, adjustment.reference ?? null, at);
  return { itemId, warehouseId, onHand, reserved, available: onHand - reserved };
}

export async function selectLowStock(q: Queryable, s: string, query: LowStockQuery): Promise<LowStockItem[]> {
  return q.query<LowStockItem>(
    `WITH totals AS (
       SELECT item_id, sum(on_hand)::int AS on_hand, sum(reserved)::int AS reserved FROM ${s}.stock
       WHERE $1::text IS NULL OR warehouse_id = $1 GROUP BY item_id)
     SELECT t.item_id AS "itemId", t.on_hand - t.reserved AS available, t.on_hand AS "onHand", t.reserved,
            coalesce(th.threshold, $2::int) AS threshold,
            CASE WHEN th.threshold IS NULL THEN 'default' ELSE 'variant' END AS "thresholdSource"
     FROM totals t LEFT JOIN ${s}.low_stock_thresholds th ON th.item_id = t.item_id
     WHERE t.on_hand - t.reserved <= coalesce(th.threshold, $2::int)
     ORDER BY t.on_hand - t.reserved, t.item_id LIMIT $3`,
    [query.warehouseId ?? null, query.defaultThreshold, query.limit],
  );
}
