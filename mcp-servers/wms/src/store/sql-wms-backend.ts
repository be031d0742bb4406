import { assertSchemaName, invalidArgument, transactionalBackend, type BackendFactory, type Queryable } from '@agentic-commerce/kit';
import type { Fulfillment, StockLevel, StockMovement, Warehouse } from '../domain/types.ts';
import { FULFILLMENT_COLUMNS, MOVEMENT_COLUMNS, STOCK_COLUMNS } from './sql/columns.ts';
import { advanceFulfillment, selectFulfillment } from './sql/fulfillments.ts';
import { endReservation, reserveStock, selectReservation } from './sql/reservations.ts';
import { adjustStock, selectAvailability, selectLowStock } from './sql/stock.ts';
import type { WmsBackend } from './wms-backend.ts';

/**
 * The reference WMS over SQL (PostgreSQL dialect; PGlite and PostgreSQL). Writes that touch several rows
 * must run inside one transaction: MCP write tools get one from the action layer; library callers use `db.transaction`.
 */
export function sqlWmsBackend(schema = 'wms'): BackendFactory<WmsBackend> {
  const s = assertSchemaName(schema);
  // Every change is a statement on `q`, so a write commits or rolls back with its call (kit tool.ts, `effects`).
  return transactionalBackend((q) => {
    const listWarehouses = () =>
      q.query<Warehouse>(`SELECT id, name, region, zip_prefixes AS "zipPrefixes" FROM ${s}.warehouses ORDER BY id`);
    return {
      listWarehouses,
      getStock: (itemId, warehouseId) =>
        q.query<StockLevel>(
          `SELECT ${STOCK_COLUMNS} FROM ${s}.stock WHERE item_id = $1 AND ($2::text IS NULL OR warehouse_id = $2) ORDER BY warehouse_id`,
          [itemId, warehouseId ?? null],
        ),
      availability: (itemIds) => selectAvailability(q, s, itemIds),
      isAvailable: async (itemId) => ((await selectAvailability(q, s, [itemId])).get(itemId) ?? 0) > 0,
      getReservation: (orderId) => selectReservation(q, s, orderId),
      reserve: async (request, at) => reserveStock(q, s, await listWarehouses(), request, at),
      release: (orderId, at) => endReservation(q, s, orderId, 'released', at),
      consume: (orderId, at) => endReservation(q, s, orderId, 'consumed', at),
      adjust: (adjustment, at) => adjustStock(q, s, adjustment, at),
      async setLowStockThreshold(itemId, threshold) {
        if (threshold === null) return void (await q.query(`DELETE FROM ${s}.low_stock_thresholds WHERE item_id = $1`, [itemId]));
        if (!Number.isInteger(threshold) || threshold < 0) throw invalidArgument(`threshold ${threshold} is invalid: use a whole number >= 0`);
        await q.query(
          `INSERT INTO ${s}.low_stock_thresholds (item_id, threshold) VALUES ($1, $2)
           ON CONFLICT (item_id) DO UPDATE SET threshold = EXCLUDED.threshold`,
          [itemId, threshold],
        );
      },
      listLowStock: (query) => selectLowStock(q, s, query),
      getFulfillment: (trackingId) => selectFulfillment(q, s, trackingId),
      listFulfillments: (orderId) =>
        q.query<Fulfillment>(`SELECT ${FULFILLMENT_COLUMNS} FROM ${s}.fulfillments WHERE order_id = $1 ORDER BY tracking_id`, [orderId]),
      advanceFulfillment: (trackingId, status, at) => advanceFulfillment(q, s, trackingId, status, at),
      listMovements: (query) =>
        q.query<StockMovement>(
          `SELECT ${MOVEMENT_COLUMNS} FROM ${s}.stock_movements
           WHERE ($1::text IS NULL OR item_id = $1) AND ($2::text IS NULL OR warehouse_id = $2) AND ($3::text IS NULL OR reference = $3)
             AND id > $5
           ORDER BY id LIMIT $4`,
          [query.itemId ?? null, query.warehouseId ?? null, query.reference ?? null, query.limit, query.afterId ?? 0],
        ),
    };
  });
}
