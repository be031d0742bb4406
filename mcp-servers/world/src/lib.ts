/** Library surface of @agentic-commerce/world: the reference world of OMS, WMS, courier and pricing. */
export { createReferenceWorld, type ReferenceWorld, type ReferenceWorldOptions, type WorldSource } from './reference-world.ts';
export { worldSchemas, SYSTEMS, type SystemName, type WorldSchemas } from './world-schemas.ts';
export { migrateWorld, worldHasData } from './migrate-world.ts';
export { copyWorld } from './copy-world.ts';
export { loadWorld, type LoadCounts, type LoadOptions, type LoadProgress } from './load/load-world.ts';
export { snapshotWorld, dumpSchema, type WorldSnapshot, type TableDump } from './world-snapshot.ts';
export { checkWorldInvariants, type InvariantReport } from './invariants/world-invariants.ts';
export { generateWorld } from './generator/generate-world.ts';
export { parseGeneratorOptions, generatorOptionsSchema, startOfUtcDay, DEFAULT_SCALE, type GeneratorOptions } from './generator/generator-options.ts';
export { createPrng, hashSeed, type Prng } from './generator/prng.ts';
export { tauBenchWorld, tauBenchLoadOrder, type TauBenchWorldOptions } from './tau-bench/tau-bench-world.ts';
export type { WorldContent, OrderBatch } from './world-content.ts';
export type { Warehouse, OrderStory, ShipmentStory, ReservationStory, StockLevel, TrackingEvent } from './world-model.ts';
export { transactionScope, type TransactionScope } from './ports/transaction-scope.ts';
export { wmsInventoryPort } from './ports/wms-inventory-port.ts';
export { pricingPort, pricedQuote } from './ports/pricing-port.ts';
