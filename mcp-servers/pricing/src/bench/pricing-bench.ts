/**
 * Bulk-load and quote throughput of the reference pricing backend, on embedded PGlite and on PostgreSQL
 * (BENCH_DATABASE_URL or TEST_DATABASE_URL, if set). Loads VARIANTS variant prices and CUSTOMERS loyalty accounts
 * into a throwaway schema, then prices QUOTES carts; prints rows per second and quote latency. Nothing is hard-coded:
 * every number printed is measured in this run.
 */
import { randomBytes } from 'node:crypto';
import { migrate, openPgliteDatabase, openPostgresDatabase, type Database } from '@agentic-commerce/kit';
import { pricingBulkLoader } from '../store/bulk-load.ts';
import { pricingMigrations } from '../store/migrations.ts';
import { sqlPricingBackend } from '../store/sql-pricing-backend.ts';

const VARIANTS = Number(process.env.BENCH_VARIANTS ?? 100_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const QUOTES = Number(process.env.BENCH_QUOTES ?? 300);
const shipTo = { address1: '1 Main St', city: 'Austin', state: 'TX', country: 'USA', zip: '78701' };

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function run(name: string, db: Database) {
  const schema = `bench_${randomBytes(4).toString('hex')}_pricing`;
  try {
    await migrate(db, schema, pricingMigrations);
    const variants = Array.from({ length: VARIANTS }, (_, i) => ({ itemId: String(1_000_000_000 + i), productId: `p${i % 500}`, category: `c${i % 20}`, price: 5 + (i % 9000) / 10 }));
    const accounts = Array.from({ length: CUSTOMERS }, (_, i) => ({ customerId: `customer_${i}`, segment: i % 10 === 0 ? 'gold' : 'standard', balance: i % 5000 }));
    let start = process.hrtime.bigint();
    await db.transaction((tx) => pricingBulkLoader(schema)(tx).loadVariantPrices(variants));
    const priceSeconds = seconds(start);
    start = process.hrtime.bigint();
    await db.transaction((tx) => pricingBulkLoader(schema)(tx).loadLoyaltyAccounts(accounts));
    const accountSeconds = seconds(start);
    await pricingBulkLoader(schema)(db).loadPromotions([
      { id: 'c1-10', name: '10% off c1', kind: 'percentage', scope: 'line', value: 10, startsAt: '2020-01-01T00:00:00Z', eligibility: { categories: ['c1'] } },
      { id: 'b2g1', name: '3 for 2', kind: 'buy_x_get_y', scope: 'line', value: 100, buyQuantity: 2, getQuantity: 1, startsAt: '2020-01-01T00:00:00Z' },
    ]);
    const backend = sqlPricingBackend(schema);
    const latencies: number[] = [];
    for (let i = 0; i < QUOTES; i++) {
      const lines = [0, 1, 2].map((j) => ({ itemId: String(1_000_000_000 + ((i * 37 + j * 1013) % VARIANTS)), quantity: 1 + ((i + j) % 4) }));
      const t = process.hrtime.bigint();
      await db.transaction((tx) => backend(tx).quoteCart({ customerId: `customer_${i % CUSTOMERS}`, lines, shipTo, serviceLevel: 'standard', loyaltyPoints: 0, now: new Date() }));
      latencies.push(seconds(t) * 1000);
    }
    latencies.sort((a, b) => a - b);
    return {
      engine: name,
      'prices/s': Math.round(VARIANTS / priceSeconds),
      [`${VARIANTS} prices (s)`]: Number(priceSeconds.toFixed(2)),
      'accounts/s': Math.round(CUSTOMERS / accountSeconds),
      [`${CUSTOMERS} accounts (s)`]: Number(accountSeconds.toFixed(2)),
      'quote p50 (ms)': Number(percentile(latencies, 50).toFixed(2)),
      'quote p99 (ms)': Number(percentile(latencies, 99).toFixed(2)),
    };
  } finally {
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}

const results = [];
const pglite = await openPgliteDatabase();
results.push(await run('pglite', pglite));
await pglite.close();
const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (url) {
  const postgres = await openPostgresDatabase(url);
  results.push(await run('postgres', postgres));
  await postgres.close();
} else {
  process.stderr.write('pricing bench: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to also measure PostgreSQL\n');
}
console.table(results);
