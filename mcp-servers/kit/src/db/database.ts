/** Anything that runs SQL: a database, or a transaction on it. Parameters are `$1, $2, ...` (PostgreSQL dialect). */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
  /**
   * Only on a transaction, and only where the engine can save the round trip (PostgreSQL): runs `sql` as the
   * transaction's last statement with its COMMIT sent right behind it, in one round trip. If the statement fails the
   * COMMIT rolls the transaction back and the statement's error is thrown; nothing may run on the transaction after
   * it. A caller that needs to roll back on what the statement returns must not use it: it must raise instead.
   * Where it is absent, run the statement with `query` and let the transaction commit as usual (same outcome).
   */
  queryAndCommit?<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * One dialect (PostgreSQL), two engines: PGlite embedded (the default, no server) and PostgreSQL via `DATABASE_URL`.
 * Both parse values the same way: NUMERIC and BIGINT as JS numbers, timestamps as ISO-8601 strings, JSON as objects.
 */
export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Runs `fn` in one transaction: everything it writes commits together or not at all. Never use the outer handle inside. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL type OIDs whose parsing both engines align. */
export const PG_TYPES = {
  INT8: 20,
  NUMERIC: 1700,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
  DATE: 1082,
} as const;

export function parseTimestamp(value: string): string {
  // PostgreSQL prints "2024-05-01 10:00:00+00"; normalise to ISO-8601 UTC.
  let iso = value.includes('T') ? value : value.replace(' ', 'T');
  iso = iso.replace(/([+-]\d{2})$/, '$1:00').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
