import { openPgliteDatabase } from '@agentic-commerce/kit';
import { readTauBenchData } from '@agentic-commerce/oms';
import { generateWorld } from '/work/main/mcp-servers/world/src/generator/generate-world.ts';
import { tauBenchWorld } from '/work/main/mcp-servers/world/src/tau-bench/tau-bench-world.ts';
import { loadWorld } from '/work/main/mcp-servers/world/src/load/load-world.ts';
import { migrateWorld } from '/work/main/mcp-servers/world/src/migrate-world.ts';
import { worldSchemas } from '/work/main/mcp-servers/world/src/world-schemas.ts';
import { checkWorldInvariants } from '/work/main/mcp-servers/world/src/invariants/world-invariants.ts';
const db = await openPgliteDatabase();
const asOf = new Date('2026-11-28T00:00:00Z');
for (const [prefix, content] of [['a', tauBenchWorld(await readTauBenchData(), { asOf })], ['b', generateWorld({ seed: 3, customers: 100, orders: 600, products: 30, warehouses: 3, days: 30, asOf })]] as const) {
  const schemas = worldSchemas(prefix);
  await migrateWorld(db, schemas);
  let t = performance.now(); await loadWorld(db, schemas, content, { batchSize: 150 }); console.log('load', performance.now() - t); t = performance.now();
  await checkWorldInvariants(db, schemas); console.log('check', performance.now() - t);
}
