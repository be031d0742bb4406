import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { openPgliteDatabase } from '../db/pglite-database.ts';
import { openPostgresDatabase } from '../db/postgres-database.ts';

/**
 * Test databases. PGlite costs seconds to start, so each test worker shares one instance; tests isolate
 * themselves by schema prefix (see `uniquePrefix`). PostgreSQL comes from TEST_DATABASE_URL
 * (the vitest config points it at the local server).
 */
let pglite: Promise<Database> | undefined;

/**
 * For `beforeAll` hooks that open the shared database: PGlite's start costs ~5 s on an idle machine but far more when
 * the cores are busy (other workers, other suites), and a slow start is not a failure.
 */
export const DATABASE_START_TIMEOUT_MS = 180_000;
let postgres: Promise<Database> | undefined;

export function sharedPglite(): Promise<Database> {
  pglite ??= openPgliteDatabase();
  return pglite;
}

export function testPostgresUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

export function sharedPostgres(): Promise<Database> {
  const url = testPostgresUrl();
  if (!url) throw new Error('TEST_DATABASE_URL is not set: PostgreSQL tests need it (e.g. postgres://postgres@127.0.0.1:5432/test)');
  postgres ??= openPostgresDatabase(url, { max: 20 });
  return postgres;
}

/** Both engines, for conformance suites: `describe.each(testEngines())`. */
export function testEngines(): { name: 'pglite' | 'postgres'; open: () => Promise<Database> }[] {
  const engines: { name: 'pglite' | 'postgres'; open: () => Promise<Database> }[] = [{ name: 'pglite', open: sharedPglite }];
  if (testPostgresUrl()) engines.push({ name: 'postgres', open: sharedPostgres });
  return engines;
}

/** A fresh schema prefix such as "t_3fa9c1d2" so tests sharing one database never see each other's rows. */
export function uniquePrefix(): string {
  return `t_${randomBytes(4).toString('hex')}`;
}

/** Drops every schema whose name starts with `prefix` (call in afterAll on PostgreSQL to keep the test database small). */
export async function dropPrefixedSchemas(db: Database, prefix: string): Promise<void> {
  const rows = await db.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${prefix}%`]);
  for (const { nspname } of rows) await db.exec(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`);
}
