import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.ts';
import { PG_TYPES, parseTimestamp } from './database.ts';
import { acquireStoreLock } from './store-lock.ts';

const parsers = {
  [PG_TYPES.INT8]: (v: string) => Number(v),
  [PG_TYPES.NUMERIC]: (v: string) => Number(v),
  [PG_TYPES.TIMESTAMP]: (v: string) => parseTimestamp(v + 'Z'),
  [PG_TYPES.TIMESTAMPTZ]: (v: string) => parseTimestamp(v),
  [PG_TYPES.DATE]: (v: string) => v,
};

interface PGliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

function wrap(handle: PGliteLike): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await handle.query<T>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string) {
      await handle.exec(sql);
    },
  };
}

/**
 * The embedded default: PostgreSQL compiled to WASM. `dataDir` persists on disk (one process at a time: see
 * store-lock.ts); omit it for memory only.
 */
export async function openPgliteDatabase(dataDir?: string): Promise<Database> {
  const lock = dataDir ? acquireStoreLock(dataDir) : undefined;
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir, { parsers });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const outer = wrap(pg);
  return {
    kind: 'pglite',
    query: outer.query,
    exec: outer.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: async () => {
      try {
        await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export { types as pgliteTypes };
