export * from './domain/types.ts';
export { allocate, rankWarehouses, servesZip, type Allocation } from './domain/allocate.ts';
export { normalizeLines, sameUnits, unitsByItem, MAX_LINE_QUANTITY } from './domain/normalize-lines.ts';
export { assertFulfillmentTransition } from './domain/fulfillment-status.ts';
export type { WmsBackend, LowStockQuery, StockAdjustment, MovementQuery } from './store/wms-backend.ts';
export { sqlWmsBackend } from './store/sql-wms-backend.ts';
export { wmsMigrations } from './store/migrations.ts';
export { bulkLoadWms, type WmsBulkData, type WmsBulkCounts } from './store/bulk-load.ts';
export { createWmsServer, wmsTools, WMS_SERVER_NAME, WMS_SERVER_VERSION, type CreateWmsServerOptions } from './server.ts';
