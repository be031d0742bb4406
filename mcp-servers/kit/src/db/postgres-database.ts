import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, Queryable } from './database.ts';
import { statementExchange } from './statement-exchange.ts';
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

/**
 * Names for statements worth preparing. Each connection parses and plans a named statement once and then only binds
 * and executes it: for the action layer's larger statements (the ledger append) parse and plan were most of the
 * server's time. A text gets a name on its second use (one-off statements, e.g. a bulk load, stay unnamed) and at
 * most `limit` texts are named per process, since every connection keeps what it prepared until it closes.
 */
export function statementNames(limit = 1000) {
  const seen = new Map<string, string | null | false>(); // null: seen once; false: never name it (see `forget`)
  return {
    nameOf(sql: string): string | undefined {
      const name = seen.get(sql);
      if (name === false) return undefined;
      if (name !== undefined) {
        if (name !== null) return name;
        if (seen.size > limit) return undefined;
        const named = `s${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
        seen.set(sql, named);
        return named;
      }
      if (seen.size <= limit) seen.set(sql, null);
      return undefined;
    },
    /** Never prepare this text again in this process (its prepared plan went stale: see `isStalePlan`). */
    forget(sql: string): void {
      seen.set(sql, false);
    },
  };
}
type StatementNames = ReturnType<typeof statementNames>;

/**
 * PostgreSQL refuses a prepared statement whose result columns changed under it ("cached plan must not change result
 * type", e.g. `SELECT *` after a migration added a column) on every later use on that connection.
 */
export function isStalePlan(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  return e?.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '');
}

/**
 * Runs `attempt` with the name `sql` is prepared under (if any). A stale plan makes the text run unnamed from then
 * on: outside a transaction it is simply run again; inside one the transaction is already aborted, so the caller's
 * retry (a new transaction) gets the unnamed statement.
 */
async function runNamed<R>(names: StatementNames | undefined, sql: string, inTransaction: boolean, attempt: (name: string | undefined) => Promise<R>): Promise<R> {
  const name = names?.nameOf(sql);
  try {
    return await attempt(name);
  } catch (error) {
    if (!name || !isStalePlan(error)) throw error;
    names!.forget(sql);
    if (inTransaction) throw error;
    return attempt(undefined);
  }
}

function wrap(client: pg.Pool | pg.PoolClient, names: StatementNames | undefined, inTransaction: boolean): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await runNamed(names, sql, inTransaction, (name) => client.query({ name, text: sql, values: [...params], types: { getTypeParser } }));
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/**
 * A transaction's handle on `client`. BEGIN is not sent on its own: it rides with the transaction's first statement
 * (or first `exec`), so a transaction with no statement sends nothing. `queryAndCommit` sends the last statement
 * with COMMIT; a transaction of that one statement is then a single round trip (statement-exchange.ts). `begun` and
 * `committed` tell `transaction` whether to send COMMIT or ROLLBACK at the end (ROLLBACK after a failed COMMIT is a
 * no-op warning).
 */
function transactionHandle(client: pg.PoolClient, names: StatementNames | undefined) {
  const inner = wrap(client, names, true);
  let begun = false;
  let committing = false;
  let committed = false;
  const refuseAfterCommit = () => {
    if (committing) throw new Error('this transaction already committed (queryAndCommit ends it): nothing may run on it after');
  };
  const exchange = (sql: string, params: readonly unknown[], commit: boolean) => {
    const around = { begin: !begun, commit };
    begun = true;
    return runNamed(names, sql, true, (name) => statementExchange(client, { name, text: sql, values: [...params], types: { getTypeParser } }, around));
  };
  const tx: Queryable = {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      refuseAfterCommit();
      if (begun) return inner.query<T>(sql, params);
      return (await exchange(sql, params, false)).statement.rows as T[];
    },
    async exec(sql: string) {
      refuseAfterCommit();
      if (begun) return inner.exec(sql);
      begun = true;
      await client.query(`BEGIN;\n${sql}`);
    },
    async queryAndCommit<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      refuseAfterCommit();
      committing = true;
      const { statement, commit } = await exchange(sql, params, true);
      if (commit?.command !== 'COMMIT') throw new Error(`the transaction did not commit: PostgreSQL answered ${commit?.command ?? 'nothing'} to COMMIT`);
      committed = true;
      return statement.rows as T[];
    },
  };
  return { tx, open: () => begun && !committed };
}

export interface PostgresOptions {
  /** Pool size; defaults to 10. */
  max?: number;
  /**
   * Prepare repeated statements on each connection (default: on, unless DATABASE_PREPARED_STATEMENTS=off). Turn it
   * off behind a pooler in transaction mode that does not track prepared statements (PgBouncer before 1.21).
   */
  preparedStatements?: boolean;
}

/** DATABASE_PREPARED_STATEMENTS: on (default) or off; anything else is a configuration error. */
export function preparedStatementsFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.DATABASE_PREPARED_STATEMENTS ?? 'on').trim().toLowerCase();
  if (['on', 'true', '1', 'yes'].includes(value)) return true;
  if (['off', 'false', '0', 'no'].includes(value)) return false;
  throw new Error(`DATABASE_PREPARED_STATEMENTS must be "on" or "off", got "${env.DATABASE_PREPARED_STATEMENTS}"`);
}

/** Production engine: a node-postgres pool on `url` (e.g. DATABASE_URL). */
export async function openPostgresDatabase(url: string, options: PostgresOptions = {}): Promise<Database> {
  const names = (options.preparedStatements ?? preparedStatementsFromEnv()) ? statementNames() : undefined;
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection the server closes (a restart, a failover, an idle timeout) makes the pool emit 'error' after it
  // has dropped the connection; unheard, that would end the process. The next query opens a new connection.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  const outer = wrap(pool, names, false);
  return {
    kind: 'postgres',
    query: outer.query,
    exec: outer.exec,
    async transaction(fn) {
      const client = await pool.connect();
      // A connection that dies while checked out (the server restarted, the backend was terminated) makes the client
      // emit 'error', which the pool listens for only while the client is idle: unheard, it would end the process.
      // The statement in flight fails with the same error; the client is then destroyed, not returned to the pool.
      let lost: Error | undefined;
      const onError = (error: Error) => void (lost = error);
      client.on('error', onError);
      const handle = transactionHandle(client, names);
      try {
        const result = await fn(handle.tx);
        if (handle.open()) await client.query('COMMIT');
        return result;
      } catch (error) {
        if (handle.open() && !lost) await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.removeListener('error', onError);
        client.release(lost);
      }
    },
    close: () => pool.end(),
  };
}
