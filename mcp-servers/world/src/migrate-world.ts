import { migrate, type Database } from '@agentic-commerce/kit';
import { courierMigrations } from '@agentic-commerce/courier';
import { omsMigrations } from '@agentic-commerce/oms';
import { pricingMigrations } from '@agentic-commerce/pricing';
import { wmsMigrations } from '@agentic-commerce/wms';
import type { WorldSchemas } from './world-schemas.ts';

/** Applies every system's migrations to its schema (safe to run again). */
export async function migrateWorld(db: Database, schemas: WorldSchemas): Promise<void> {
  await migrate(db, schemas.oms, omsMigrations);
  await migrate(db, schemas.wms, wmsMigrations);
  await migrate(db, schemas.courier, courierMigrations);
  await migrate(db, schemas.pricing, pricingMigrations);
}

/** True when any of the four schemas already holds data (a world must be loaded into empty schemas). */
export async function worldHasData(db: Database, schemas: WorldSchemas): Promise<boolean> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = 'orders' AND c.relkind = 'r'`,
    [schemas.oms],
  );
  if ((rows[0]?.n ?? 0) === 0) return false;
  const [orders] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${schemas.oms}.customers LIMIT 1) x`);
  return (orders?.n ?? 0) > 0;
}
