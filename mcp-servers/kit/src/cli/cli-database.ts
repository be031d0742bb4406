import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import { assertSchemaName, migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open-database.ts';
import { kitMigrations } from '../kit-migrations.ts';

/** Options every kit CLI shares: where the database is and which kit schema to use. */
export const databaseOptions = {
  'data-dir': { type: 'string' },
  schema: { type: 'string' },
} as const;

export interface OpenCliOptions {
  /**
   * A table of the kit schema (e.g. 'ledger') that must exist already: for commands that only read, which then create
   * and migrate nothing, and refuse (exit 2) when it is missing — a mistyped --schema or DATABASE_URL is said so.
   */
  existing?: string;
  /** Printed after the error of an invalid --schema. */
  usage?: string;
  /** With `existing`: bring that schema's migrations up to date (for commands that write, e.g. approvals). */
  migrateExisting?: boolean;
}

/**
 * DATABASE_URL (PostgreSQL), else the embedded store at --data-dir / COMMERCE_STORE_DIR (default .data/store).
 * The embedded store is single-process: while `pnpm start` holds it this exits with an error saying so (use the
 * API, stop it first, or use PostgreSQL to inspect a running system). Applies the kit migrations unless `existing`.
 */
export async function openCliDatabase(values: { 'data-dir'?: string | undefined; schema?: string | undefined }, options: OpenCliOptions = {}): Promise<{ db: Database; schema: string }> {
  let schema: string;
  try {
    schema = assertSchemaName(values.schema ?? process.env.COMMERCE_KIT_SCHEMA ?? 'kit');
  } catch (error) {
    fail(`--schema: ${(error as Error).message}${options.usage ? `\n${options.usage}` : ''}`, 2);
  }
  const url = process.env.DATABASE_URL;
  const dataDir = values['data-dir'] ?? process.env.COMMERCE_STORE_DIR ?? '.data/store';
  const { existing } = options;
  if (existing && !url && !existsSync(join(dataDir, 'PG_VERSION'))) {
    fail(`no ${existing} in schema ${schema} (no embedded store at ${dataDir}): check --data-dir / COMMERCE_STORE_DIR, or set DATABASE_URL`, 2);
  }
  let db: Database;
  try {
    db = await openDatabase({ dataDir });
  } catch (error) {
    fail(`cannot open the database: ${(error as Error).message}`);
  }
  if (!existing) {
    await migrate(db, schema, kitMigrations);
    return { db, schema };
  }
  const [found] = await db.query<{ name: string | null }>('SELECT to_regclass($1)::text AS name', [`${schema}.${existing}`]);
  if (!found?.name) {
    await db.close();
    const where = url ? `database ${maskedDatabaseUrl(url)}` : `embedded store ${dataDir}`;
    fail(`no ${existing} in schema ${schema} (${where}): check --schema / DATABASE_URL`, 2);
  }
  if (options.migrateExisting) await migrate(db, schema, kitMigrations);
  return { db, schema };
}

const NOT_SHOWN = '(DATABASE_URL, not shown: it does not parse as a URL with a host)';

/** DATABASE_URL to print: its password (also a `password` parameter) masked; a URL that does not parse is not shown. */
export function maskedDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return NOT_SHOWN;
  }
  // Without a host (e.g. "user:secret@host/db", read as scheme "user:"), the password could be anywhere in it.
  if (!parsed.host) return NOT_SHOWN;
  if (parsed.password) parsed.password = '***';
  if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
  return parsed.toString();
}

/** Prints a clear error and exits 2 (usage) or 1 (failure). */
export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
