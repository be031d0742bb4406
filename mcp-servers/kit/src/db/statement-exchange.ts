import pg from 'pg';

/** The parts of node-postgres's connection this query writes to (the messages `pg.Query` itself sends), and its bookkeeping. */
interface Wire {
  parse(message: { text: string; name?: string }): void;
  bind(message: { statement?: string; portal?: string; values?: unknown[] }): void;
  execute(message: { portal?: string; rows?: number }): void;
  sync(): void;
  parsedStatements: Record<string, string>;
}

/** What rides with the statement: BEGIN before it (a transaction's first statement), COMMIT after it (its last). */
export interface Around {
  begin: boolean;
  commit: boolean;
}

/**
 * One extended-protocol exchange for a statement and what rides with it: [Parse/Bind/Execute of BEGIN], the
 * statement's own messages (Parse the first time on a connection, Bind, Describe, Execute), [Parse/Bind/Execute of
 * COMMIT], and a single Sync. node-postgres corks its socket while a query writes, so all of it leaves in one write,
 * and PostgreSQL answers with one ReadyForQuery: one round trip, one wake-up on each side, where sending them one
 * after the other takes up to three.
 *
 * If a message fails, PostgreSQL discards the rest up to the Sync: after BEGIN, the transaction is then open and
 * aborted (the caller rolls it back; a COMMIT behind the statement never ran). If COMMIT fails (a deferred constraint),
 * PostgreSQL has ended the transaction. Either way the query fails with that error.
 *
 * It is a `pg.Query` with the steps before Parse and after Execute changed: parsing rows, named statements and errors
 * stay node-postgres's own.
 */
class StatementExchange extends pg.Query {
  declare portal: string;
  declare name: string | undefined;
  around: Around = { begin: false, commit: false };
  /** Whether a named statement had been parsed on the connection before this exchange (see `handleError`). */
  private parsedBefore = true;

  /** Called by the client to send the query; `pg.Query` sends Parse, Bind, Describe, then `_getRows`. */
  prepare(connection: Wire): void {
    this.parsedBefore = !this.name || connection.parsedStatements[this.name] !== undefined;
    if (this.around.begin) {
      connection.parse({ text: 'BEGIN', name: '' });
      connection.bind({ statement: '', portal: '', values: [] });
      connection.execute({ portal: '' });
    }
    (pg.Query.prototype as unknown as { prepare(c: Wire): void }).prepare.call(this, connection);
  }

  /** Called by `pg.Query#prepare` after Bind and Describe; `pg.Query` sends Execute and Sync here. */
  _getRows(connection: Wire, rows: number | undefined): void {
    connection.execute({ portal: this.portal, rows });
    if (this.around.commit) {
      connection.parse({ text: 'COMMIT', name: '' });
      connection.bind({ statement: '', portal: '', values: [] });
      connection.execute({ portal: '' });
    }
    connection.sync();
  }

  /**
   * node-postgres marks the query's statement name as parsed on any ParseComplete while the query is active; BEGIN's
   * comes before the statement's own Parse, so if that Parse then failed, the mark is wrong and is taken back.
   */
  handleError(error: Error, connection: Wire): void {
    if (this.name && !this.parsedBefore && this.around.begin) delete connection.parsedStatements[this.name];
    (pg.Query.prototype as unknown as { handleError(e: Error, c: Wire): void }).handleError.call(this, error, connection);
  }
}

/**
 * Runs `config` on `client` with BEGIN before it and/or COMMIT after it in one round trip (see `StatementExchange`);
 * resolves with the statement's result and, when it rode along, COMMIT's.
 */
export function statementExchange(
  client: pg.PoolClient,
  config: { name?: string | undefined; text: string; values: unknown[]; types: pg.CustomTypesConfig },
  around: Around,
): Promise<{ statement: pg.QueryResult; commit: pg.QueryResult | undefined }> {
  return new Promise((resolve, reject) => {
    const query = new StatementExchange({ ...config, queryMode: 'extended' } as pg.QueryConfig, undefined, undefined);
    query.around = around;
    (query as unknown as { callback: (error: Error | null, results?: pg.QueryResult[] | pg.QueryResult) => void }).callback = (error, results) => {
      if (error) return reject(error);
      const all = Array.isArray(results) ? results : [results!];
      resolve({ statement: all[around.begin ? 1 : 0]!, commit: around.commit ? all[all.length - 1] : undefined });
    };
    client.query(query as unknown as pg.QueryConfig);
  });
}
