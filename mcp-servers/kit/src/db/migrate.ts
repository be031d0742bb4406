import type { Database } from './database.ts';

/** One versioned migration of a component's schema. `up` receives the schema name so worlds can be namespaced. */
export interface Migration {
  version: number;
  name: string;
  up: (schema: string) => string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`schema name "${schema}" is invalid: use lower-case letters, digits and _ (max 63 characters)`);
  }
  return schema;
}

/**
 * Applies the migrations of one component to `schema`, in version order, each in its own transaction,
 * recording them in `<schema>.schema_migrations`. Safe to run again: applied versions are skipped.
 */
export async function migrate(db: Database, schema: string, migrations: readonly Migration[]): Promise<number[]> {
  assertSchemaName(schema);
  const versions = migrations.map((m) => m.version);
  if (new Set(versions).size !== versions.length) throw new Error(`duplicate migration versions for schema ${schema}`);
  await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema};
    CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    await db.transaction(async (tx) => {
      // Serialise concurrent migrators on the same schema.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`migrate:${schema}`]);
      const done = await tx.query(`SELECT 1 FROM ${schema}.schema_migrations WHERE version = $1`, [migration.version]);
      if (done.length > 0) return;
      await tx.exec(migration.up(schema));
      await tx.query(`INSERT INTO ${schema}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    });
  }
  return applied;
}
