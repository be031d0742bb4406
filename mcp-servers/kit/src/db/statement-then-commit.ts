import pg from 'pg';

/** The parts of node-postgres's connection this query writes to (the messages `pg.Query` itself sends). */
interface Wire {
  parse(message: { text: string; name?: string }): void;
  bind(message: { statement?: string; portal?: string; values?: unknown[] }): void;
  execute(message: { portal?: string; rows?: number }): void;
  sync(): void;
}

/**
 * One extended-protocol exchange that runs a statement and then COMMIT: Bind/Describe/Execute of the statement
 * (after Parse when the connection has not prepared it), Parse/Bind/Execute of COMMIT, and a single Sync. node-postgres
 * corks its socket while a query writes, so all of it leaves in one write, and PostgreSQL answers both with one
 * ReadyForQuery: one round trip, one wake-up on each side, where a statement and then COMMIT take two.
 *
 * If the statement fails, PostgreSQL discards everything up to the Sync, COMMIT included: the transaction stays open
 * and aborted, and the caller rolls it back. If COMMIT fails (e.g. a deferred constraint), PostgreSQL has ended the
 * transaction. Either way the query fails with that error. On success its result is the statement's, then COMMIT's.
 *
 * It is a `pg.Query` with one step changed (what follows the statement's Execute): parsing rows, named statements and
 * errors stay node-postgres's own.
 */
export class StatementThenCommit extends pg.Query {
  /** Called by `pg.Query#prepare` after Bind and Describe; `pg.Query` sends Execute and Sync here. */
  _getRows(connection: Wire, rows: number | undefined): void {
    connection.execute({ portal: this.portal, rows });
    connection.parse({ text: 'COMMIT', name: '' });
    connection.bind({ statement: '', portal: '', values: [] });
    connection.execute({ portal: '' });
    connection.sync();
  }

  declare portal: string;
}

/** Runs `sql` and COMMIT on `client` in one round trip (see `StatementThenCommit`); resolves with the statement's rows. */
export function statementThenCommit(client: pg.PoolClient, config: { name?: string | undefined; text: string; values: unknown[]; types: pg.CustomTypesConfig }): Promise<pg.QueryResult[]> {
  return new Promise((resolve, reject) => {
    const query = new StatementThenCommit({ ...config, queryMode: 'extended' } as pg.QueryConfig, undefined, undefined);
    (query as unknown as { callback: (error: Error | null, results?: pg.QueryResult[] | pg.QueryResult) => void }).callback = (error, results) => {
      if (error) reject(error);
      else resolve(Array.isArray(results) ? results : [results!]);
    };
    client.query(query as unknown as pg.QueryConfig);
  });
}
