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

/** True when the world's OMS schema exists and holds customers (a world is loaded only into empty schemas). */
export async function worldHasData(db: Database, schemas: WorldSchemas): Promise<boolean> {
  const [table] = await db.query<{ name: string | null }>(`SELECT to_regclass($1)::text AS name`, [`${schemas.oms}.customers`]);
  if (!table?.name) return false;
  return (await db.query(`SELECT 1 FROM ${schemas.oms}.customers LIMIT 1`)).length > 0;
}
