import type { Database } from '../db/database.ts';
import { assertSchemaName, migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open-database.ts';
import { kitMigrations } from '../kit-migrations.ts';

/** Options every kit CLI shares: where the database is and which kit schema to use. */
export const databaseOptions = {
  'data-dir': { type: 'string' },
  schema: { type: 'string' },
} as const;

/**
 * DATABASE_URL (PostgreSQL), else the embedded store at --data-dir / COMMERCE_STORE_DIR (default .data/store).
 * The embedded store is single-process: while `pnpm start` holds it this exits with an error saying so (use the
 * API, stop it first, or use PostgreSQL to inspect a running system).
 */
export async function openCliDatabase(values: { 'data-dir'?: string | undefined; schema?: string | undefined }): Promise<{ db: Database; schema: string }> {
  const schema = assertSchemaName(values.schema ?? process.env.COMMERCE_KIT_SCHEMA ?? 'kit');
  let db: Database;
  try {
    db = await openDatabase({ dataDir: values['data-dir'] ?? process.env.COMMERCE_STORE_DIR ?? '.data/store' });
  } catch (error) {
    fail(`cannot open the database: ${(error as Error).message}`);
  }
  await migrate(db, schema, kitMigrations);
  return { db, schema };
}

/** Prints a clear error and exits 2 (usage) or 1 (failure). */
export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
