import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Queryable } from '@agentic-commerce/kit';

export interface TransactionScope {
  /** The database to hand to the action runtime: its transactions become visible to `current()`. */
  db: Database;
  /** The transaction the current call runs in, or the database outside of one. */
  current(): Queryable;
}

/**
 * Lets the OMS's ports to WMS and pricing join the OMS write's transaction when all systems share one database:
 * the order, its stock reservation, coupon and points commit or roll back together (and PGlite, which has one
 * connection, never waits on itself).
 */
export function transactionScope(db: Database): TransactionScope {
  const storage = new AsyncLocalStorage<Queryable>();
  const scoped: Database = {
    kind: db.kind,
    query: (sql, params) => (storage.getStore() ?? db).query(sql, params),
    exec: (sql) => (storage.getStore() ?? db).exec(sql),
    transaction: (fn) => {
      const outer = storage.getStore();
      // Already inside a transaction of this scope: run in it rather than waiting for a second connection. The inner
      // part gets no `queryAndCommit`: only the outermost transaction may end it.
      if (outer) return fn({ query: (sql, params) => outer.query(sql, params), exec: (sql) => outer.exec(sql) });
      return db.transaction((tx) => storage.run(tx, () => fn(tx)));
    },
    close: () => db.close(),
  };
  return { db: scoped, current: () => storage.getStore() ?? db };
}
