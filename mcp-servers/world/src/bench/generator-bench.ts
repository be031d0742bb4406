/**
 * Generator benchmark: orders per second drawn in memory (the floor every load pays) and drawn + loaded into the
 * embedded default (PGlite, in memory) and into PostgreSQL (BENCH_DATABASE_URL, DATABASE_URL or the local test
 * server) in a throwaway schema prefix that is dropped afterwards. Sized to run well under a minute per engine.
 */
import { randomBytes } from 'node:crypto';
import { openPgliteDatabase, openPostgresDatabase, type Database } from '@agentic-commerce/kit';
import { generateWorld } from '../generator/generate-world.ts';
import { loadWorld } from '../load/load-world.ts';
import { migrateWorld } from '../migrate-world.ts';
import { worldSchemas } from '../world-schemas.ts';

const SCALE = { seed: 42, customers: 1000, orders: Number(process.env.BENCH_ORDERS ?? 5000), products: 100, warehouses: 4, days: 90, asOf: new Date('2026-06-01T00:00:00Z') };
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function generateOnly(): number {
  const started = performance.now();
  const world = generateWorld(SCALE);
  let orders = 0;
  for (const batch of world.orderBatches(2000)) orders += batch.orders.length;
  world.stock();
  return orders / ((performance.now() - started) / 1000);
}

async function loadInto(db: Database): Promise<{ ordersPerSecond: number; seconds: number }> {
  const prefix = `bench_${randomBytes(3).toString('hex')}`;
  const schemas = worldSchemas(prefix);
  try {
    await migrateWorld(db, schemas);
    const started = performance.now();
    const counts = await loadWorld(db, schemas, generateWorld(SCALE));
    const seconds = (performance.now() - started) / 1000;
    return { ordersPerSecond: counts.orders / seconds, seconds };
  } finally {
    for (const schema of Object.values(schemas)) await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}

const line = (label: string, rate: number, floor: number, seconds?: number) =>
  `${label.padEnd(34)} ${Math.round(rate).toLocaleString('en-US').padStart(8)} orders/s  ${(rate / floor).toFixed(3)} x floor` +
  `${seconds === undefined ? '' : `  (${seconds.toFixed(1)} s; 100k orders ≈ ${(100_000 / rate / 60).toFixed(1)} min)`}`;

console.log(`generator bench: ${SCALE.orders} orders, ${SCALE.customers} customers, ${SCALE.products} products, ${SCALE.warehouses} warehouses, ${SCALE.days} days`);
const floor = generateOnly();
console.log(line('generate only, in memory (floor)', floor, floor));
const pglite = await openPgliteDatabase();
try {
  const result = await loadInto(pglite);
  console.log(line('generate + load, PGlite (embedded)', result.ordersPerSecond, floor, result.seconds));
} finally {
  await pglite.close();
}
let postgres: Database | undefined;
try {
  postgres = await openPostgresDatabase(postgresUrl);
} catch (error) {
  console.log(`generate + load, PostgreSQL         skipped: ${postgresUrl.replace(/:[^:@/]*@/, ':***@')} is unreachable (${(error as Error).message})`);
}
if (postgres) {
  try {
    const result = await loadInto(postgres);
    console.log(line('generate + load, PostgreSQL', result.ordersPerSecond, floor, result.seconds));
  } finally {
    await postgres.close();
  }
}
