import type { Database, Queryable } from '@agentic-commerce/kit';

/** The slice of node-postgres' Pool that PostgresSaver uses. */
export interface PoolLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<PoolClientLike>;
  end(): Promise<void>;
}
export interface PoolClientLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  release(): void;
}

class Rollback extends Error {}

/**
 * A node-postgres-shaped pool over a kit Database, so the PostgreSQL checkpointer runs unchanged on the embedded
 * engine (PGlite). A client's BEGIN ... COMMIT/ROLLBACK becomes one `db.transaction`, which on PGlite holds the
 * engine exclusively, so other users of the same database never interleave with it.
 */
export function databasePool(db: Database): PoolLike {
  return {
    query: async (sql, params = []) => ({ rows: await db.query(sql, params) }),
    end: async () => undefined, // the database belongs to whoever opened it
    async connect() {
      let tx: Queryable | undefined;
      let finish: ((commit: boolean) => void) | undefined;
      let done: Promise<unknown> | undefined;
      const begin = async () => {
        let ready!: (q: Queryable) => void;
        const started = new Promise<Queryable>((resolve) => (ready = resolve));
        done = db.transaction(
          (q) =>
            new Promise<void>((resolve, reject) => {
              finish = (commit) => (commit ? resolve() : reject(new Rollback('rolled back')));
              ready(q);
            }),
        );
        // If BEGIN itself fails, surface it instead of waiting forever.
        tx = await Promise.race([started, done.then(() => { throw new Error('transaction ended before it started'); })]);
      };
      const end = async (commit: boolean) => {
        if (!finish || !done) throw new Error(`${commit ? 'COMMIT' : 'ROLLBACK'} without BEGIN`);
        finish(commit);
        const settled = done;
        tx = undefined;
        finish = undefined;
        done = undefined;
        await settled.catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
      };
      return {
        async query(sql, params = []) {
          const command = sql.trim().toUpperCase();
          if (command === 'BEGIN') return (await begin(), { rows: [] });
          if (command === 'COMMIT') return (await end(true), { rows: [] });
          if (command === 'ROLLBACK') return (await end(false), { rows: [] });
          return { rows: await (tx ?? db).query(sql, params) };
        },
        release() {
          if (finish) void end(false).catch(() => undefined);
        },
      };
    },
  };
}
