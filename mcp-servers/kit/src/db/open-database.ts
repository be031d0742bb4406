import type { Database } from './database.ts';
import { openPgliteDatabase } from './pglite-database.ts';
import { openPostgresDatabase } from './postgres-database.ts';

export interface OpenDatabaseOptions {
  /** A `postgres://` URL. Defaults to the DATABASE_URL environment variable. */
  url?: string | undefined;
  /** Where the embedded engine keeps its files when no URL is given; omit for an in-memory database. */
  dataDir?: string | undefined;
}

/** PostgreSQL when a URL is configured, otherwise the embedded PGlite engine (same SQL). */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL, got "${url.replace(/:[^:@/]*@/, ':***@')}"`);
    }
    return openPostgresDatabase(url);
  }
  return openPgliteDatabase(options.dataDir);
}
