import pg from 'pg';
import type { Database, Queryable } from './database.ts';
import { PG_TYPES, parseTimestamp } from './database.ts';

const typeParsers: Record<number, (v: string) => unknown> = {
  [PG_TYPES.INT8]: (v) => Number(v),
  [PG_TYPES.NUMERIC]: (v) => Number(v),
  [PG_TYPES.TIMESTAMP]: (v) => parseTimestamp(v + 'Z'),
  [PG_TYPES.TIMESTAMPTZ]: (v) => parseTimestamp(v),
  [PG_TYPES.DATE]: (v) => v,
};

const getTypeParser = ((oid: number, format?: string) =>
  typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser;

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query({ text: sql, values: [...params], types: { getTypeParser } });
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export interface PostgresOptions {
  /** Pool size; defaults to 10. */
  max?: number;
}

/** Production engine: a node-postgres pool on `url` (e.g. DATABASE_URL). */
export async function openPostgresDatabase(url: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  await pool.query('select 1');
  const outer = wrap(pool);
  return {
    kind: 'postgres',
    query: outer.query,
    exec: outer.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
