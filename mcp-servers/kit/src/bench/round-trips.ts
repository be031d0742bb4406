import type { Database, Queryable } from '../db/database.ts';

/**
 * `db` (the PostgreSQL engine) with every round trip counted: each statement and each batch of `exec`, and COMMIT
 * unless it rode with the last statement (`queryAndCommit`); BEGIN rides with a transaction's first statement, so it
 * adds none. On a machine whose speed drifts, this is the part of a write's cost that does not: each round trip is a
 * wait and a wake-up on both sides. Run one transaction at a time through it (a COMMIT is told apart per transaction).
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
        const start = n;
        let committed = false;
        return db.transaction(async (tx) => {
          const inner = counted(tx);
          const result = await fn(inner.queryAndCommit ? { ...inner, queryAndCommit: (sql, params) => ((committed = true), inner.queryAndCommit!(sql, params)) } : inner);
          if (n > start && !committed) n += 1; // COMMIT on its own (a transaction that ran nothing sends nothing)
          return result;
        });
      },
    },
    count: () => n,
  };
}
