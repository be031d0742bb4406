/**
 * Bulk-load benchmark: a 100k-order world's WMS rows (BENCH_ORDERS, default 100,000: 40% pending with an active
 * reservation of 1-4 lines, 60% with a parcel) loaded with `bulkLoadWms` into PGlite (in memory) and PostgreSQL
 * (BENCH_DATABASE_URL, DATABASE_URL or the local test server), against a floor: the same reservation lines and parcels
 * inserted with bare `unnest` statements into tables without keys, checks, derived stock or movements.
 */
import { randomBytes } from 'node:crypto';
import { migrate, openPgliteDatabase, openPostgresDatabase, type Database } from '@agentic-commerce/kit';
import { bulkLoadWms, type WmsBulkData } from '../store/bulk-load.ts';
import { wmsMigrations } from '../store/migrations.ts';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const at = new Date('2026-06-01T00:00:00Z');

function world(): WmsBulkData {
  const warehouses = ['wh-1', 'wh-2', 'wh-3', 'wh-4'].map((id, i) => ({ id, name: id, region: `r${i}`, zipPrefixes: [String(i * 2), String(i * 2 + 1)] }));
  const items = Array.from({ length: 600 }, (_, i) => String(1_000_000_000 + i));
  const stock = items.flatMap((itemId) => warehouses.map((w) => ({ itemId, warehouseId: w.id, onHand: ORDERS })));
  const data: Required<WmsBulkData> = { warehouses, stock, thresholds: [], reservations: [], fulfillments: [] };
  for (let n = 0; n < ORDERS; n++) {
    const orderId = `#W${String(n).padStart(7, '0')}`;
    const warehouseId = warehouses[n % 4]!.id;
    const lines = Array.from({ length: 1 + (n % 4) }, (_, k) => ({ itemId: items[(n * 7 + k * 13) % items.length]!, warehouseId, quantity: 1 }));
    if (n % 5 < 2) data.reservations.push({ orderId, customerId: `c_${n % 5000}`, status: 'active', lines, createdAt: at.toISOString() });
    else data.fulfillments.push({ trackingId: String(100_000_000_000 + n), orderId, customerId: `c_${n % 5000}`, warehouseId, status: 'shipped', itemIds: lines.map((l) => l.itemId), updatedAt: at.toISOString() });
  }
  return data;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
}

async function floor(db: Database, s: string, data: WmsBulkData): Promise<number> {
  await db.exec(`CREATE TABLE ${s}.lines (order_id text, item_id text, warehouse_id text, quantity int); CREATE TABLE ${s}.parcels (tracking_id text, order_id text, status text)`);
  const lines = data.reservations!.flatMap((r) => r.lines.map((l) => ({ orderId: r.orderId, ...l })));
  return timed(() =>
    db.transaction(async (tx) => {
      for (let i = 0; i < lines.length; i += 5000) {
        const c = lines.slice(i, i + 5000);
        await tx.query(`INSERT INTO ${s}.lines SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])`, [c.map((l) => l.orderId), c.map((l) => l.itemId), c.map((l) => l.warehouseId), c.map((l) => l.quantity)]);
      }
      for (let i = 0; i < data.fulfillments!.length; i += 5000) {
        const c = data.fulfillments!.slice(i, i + 5000);
        await tx.query(`INSERT INTO ${s}.parcels SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [c.map((f) => f.trackingId), c.map((f) => f.orderId), c.map((f) => f.status)]);
      }
    }),
  );
}

async function run(label: string, db: Database, data: WmsBulkData): Promise<void> {
  const s = `bench_${randomBytes(3).toString('hex')}_wms`;
  try {
    await migrate(db, s, wmsMigrations);
    const bare = await floor(db, s, data);
    const seconds = await timed(() => db.transaction((tx) => bulkLoadWms(tx, s, data, at)));
    console.log(`${label.padEnd(12)} bulkLoadWms ${seconds.toFixed(2)} s (${Math.round(ORDERS / seconds).toLocaleString('en-US')} orders/s); bare inserts ${bare.toFixed(2)} s; ${(seconds / bare).toFixed(2)} x floor`);
  } finally {
    await db.exec(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  }
}

const data = world();
console.log(`wms bulk-load bench: ${ORDERS} orders -> ${data.reservations!.length} reservations, ${data.fulfillments!.length} parcels, ${data.stock!.length} stock rows`);
const pglite = await openPgliteDatabase();
await run('PGlite', pglite, data).finally(() => pglite.close());
const postgres = await openPostgresDatabase(postgresUrl).catch((error: Error) => void console.log(`PostgreSQL   skipped: unreachable (${error.message})`));
if (postgres) await run('PostgreSQL', postgres, data).finally(() => postgres.close());
