/** Library surface of @agentic-commerce/oms (the runnable entry is index.ts). */
export { createOmsServer, OMS_SERVER_NAME, type OmsServerOptions } from './server.ts';
export { omsTools } from './tools/oms-tools.ts';
export type { OmsBackend, OrderAllocation, OrderSummary, OrderTimeline, ChangedRecordIds } from './store/oms-backend.ts';
export { sqlOmsBackend } from './store/sql-oms-backend.ts';
export { omsMigrations, OMS_TABLES } from './store/migrations.ts';
export { bulkInsert, BULK_CHUNK_ROWS, type BulkColumn, type BulkColumnType } from './store/bulk-insert.ts';
export { copyOmsSchema, restoreOmsRecords } from './store/sql-oms-snapshot.ts';
export type { InventoryPort, StockLine } from './ports/inventory-port.ts';
export type { OmsPorts, PricingPort, PricedQuote, QuoteLine } from './ports/pricing-port.ts';
export { defaultTauBenchDir, exportTauState, importTauBench, readTauBenchData, type TauState } from './import/tau-bench.ts';
export * from './domain/records.ts';
export { applyOrderChange, type OrderChange, type GiftCardBalance } from './domain/order-change.ts';
export { roundCents } from './domain/python-round.ts';
export { allowedActions } from './domain/order-actions.ts';
