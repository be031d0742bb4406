import type { Database } from '../db/database.ts';
import { openPostgresDatabase } from '../db/postgres-database.ts';

/** The PostgreSQL a bench measures on: BENCH_DATABASE_URL, DATABASE_URL, TEST_DATABASE_URL, else the local server. */
export function benchDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.BENCH_DATABASE_URL || env.DATABASE_URL || env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

/**
 * Opens the bench's PostgreSQL, or says why this bench is skipped and exits 0 when none is reachable, so `pnpm bench`
 * goes on with the other packages.
 */
export async function openBenchDatabase(what: string, options: { max?: number } = {}): Promise<Database> {
  const url = benchDatabaseUrl();
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`${what}: the database URL must be postgres:// or postgresql://, got "${url.replace(/:[^:@/]*@/, ':***@')}"`);
  try {
    return await openPostgresDatabase(url, options);
  } catch (error) {
    process.stdout.write(`${what}: skipped, PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')} is unreachable (${(error as Error).message}); set BENCH_DATABASE_URL or DATABASE_URL\n`);
    process.exit(0);
  }
}
