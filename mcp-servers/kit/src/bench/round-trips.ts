import type { Database, Queryable } from '../db/database.ts';

/**
 * `db` with every round trip to PostgreSQL counted: a statement, a batch of `exec`, BEGIN, and COMMIT — which rides
 * with the last statement when a transaction ends with `queryAndCommit`, so that pair counts once. On a machine whose
 * speed drifts, this is the part of a write's cost that does not: each round trip is a wait and a wake-up on both sides.
 */
export function countingRoundTrips(db: Database): { db: Database; count: () => number } {
  let n = 0;
  const counted = (q: Queryable): Queryable => ({
    query: (sql, params) => (n++, q.query(sql, params)),
    exec: (sql) => (n++, q.exec(sql)),
    ...(q.queryAndCommit && { queryAndCommit: (sql: string, params?: readonly unknown[]) => (n++, q.queryAndCommit!(sql, params)) }),
  });
  const outer = counted(db);
  return {
    db: {
      ...db, ...outer,
      transaction: (fn) => {
        n += 1; // BEGIN
        let committed = false;
        return db.transaction(async (tx) => {
          const inner = counted(tx);
          const result = await fn(inner.queryAndCommit ? { ...inner, queryAndCommit: (sql, params) => ((committed = true), inner.queryAndCommit!(sql, params)) } : inner);
          if (!committed) n += 1; // COMMIT on its own
          return result;
        });
      },
    },
    count: () => n,
  };
}
