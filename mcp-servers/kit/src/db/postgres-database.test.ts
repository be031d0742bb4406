import { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { openPostgresDatabase, preparedStatementsFromEnv, statementNames } from './postgres-database.ts';

describe('prepared statements on PostgreSQL', () => {
  it('names a statement from its second use, the same name each time, and names at most the limit', () => {
    const { nameOf } = statementNames(2);
    expect(nameOf('SELECT 1')).toBeUndefined(); // a one-off (e.g. a bulk load) is never prepared
    const name = nameOf('SELECT 1');
    expect(name).toMatch(/^s[0-9a-f]{24}$/);
    expect(nameOf('SELECT 1')).toBe(name);
    expect(nameOf('SELECT 2')).toBeUndefined();
    expect(nameOf('SELECT 2')).toMatch(/^s/);
    nameOf('SELECT 3');
    nameOf('SELECT 4');
    expect(nameOf('SELECT 4')).toBeUndefined(); // over the limit: stays unnamed
    expect(nameOf('SELECT 1')).toBe(name);
  });

  it('reads DATABASE_PREPARED_STATEMENTS and refuses values it does not know', () => {
    expect(preparedStatementsFromEnv({})).toBe(true);
    expect(preparedStatementsFromEnv({ DATABASE_PREPARED_STATEMENTS: 'off' })).toBe(false);
    expect(preparedStatementsFromEnv({ DATABASE_PREPARED_STATEMENTS: 'ON' })).toBe(true);
    expect(() => preparedStatementsFromEnv({ DATABASE_PREPARED_STATEMENTS: 'sometimes' })).toThrow(/must be "on" or "off", got "sometimes"/);
  });

  it('never names a text again once told to forget it', () => {
    const names = statementNames();
    names.nameOf('SELECT 1');
    expect(names.nameOf('SELECT 1')).toMatch(/^s/);
    names.forget('SELECT 1');
    expect(names.nameOf('SELECT 1')).toBeUndefined();
  });

  const url = process.env.TEST_DATABASE_URL;
  it.skipIf(!url)('runs a repeated statement prepared on each connection, inside and outside transactions', async () => {
    const db = await openPostgresDatabase(url!, { max: 2 });
    try {
      const sql = 'SELECT $1::int + 1 AS n, count(*)::int AS prepared FROM pg_prepared_statements';
      const outside = [];
      for (let i = 0; i < 4; i += 1) outside.push((await db.query<{ n: number; prepared: number }>(sql, [i]))[0]);
      expect(outside.map((r) => r!.n)).toEqual([1, 2, 3, 4]);
      // From the second use on, the statement is prepared on the connection that ran it.
      expect(outside[3]!.prepared).toBeGreaterThan(0);
      const inside = await db.transaction(async (tx) => [(await tx.query<{ n: number }>(sql, [10]))[0]!.n, (await tx.query<{ n: number }>(sql, [20]))[0]!.n]);
      expect(inside).toEqual([11, 21]);
    } finally {
      await db.close();
    }
    // A migration on another connection changes a table under a prepared `SELECT *`, which PostgreSQL then refuses
    // ("cached plan must not change result type"): outside a transaction the text is run again unnamed; inside one,
    // that transaction fails (it is aborted) and the next runs the text unnamed.
    const evolving = await openPostgresDatabase(url!, { max: 1 });
    const other = await openPostgresDatabase(url!, { max: 1, preparedStatements: false });
    const tables = [`public.evolving_a_${process.pid}`, `public.evolving_b_${process.pid}`];
    try {
      for (const table of tables) await evolving.exec(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (a int); INSERT INTO ${table} VALUES (1)`);
      const [outside, inside] = [`SELECT * FROM ${tables[0]}`, `SELECT *, 1 AS one FROM ${tables[1]}`];
      for (let i = 0; i < 2; i += 1) {
        expect(await evolving.query(outside)).toEqual([{ a: 1 }]);
        expect(await evolving.transaction((tx) => tx.query(inside))).toEqual([{ a: 1, one: 1 }]);
      }
      expect((await evolving.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements'))[0]!.n).toBeGreaterThanOrEqual(2);
      await other.exec(`ALTER TABLE ${tables[1]} ADD COLUMN b int DEFAULT 2`);
      await expect(evolving.transaction((tx) => tx.query(inside))).rejects.toThrow(/cached plan must not change result type/);
      expect(await evolving.transaction((tx) => tx.query(inside))).toEqual([{ a: 1, b: 2, one: 1 }]);
      // (A failed query outside a transaction makes the pool drop its connection, so this one is tested second.)
      await other.exec(`ALTER TABLE ${tables[0]} ADD COLUMN b int DEFAULT 2`);
      expect(await evolving.query(outside)).toEqual([{ a: 1, b: 2 }]);
    } finally {
      for (const table of tables) await evolving.exec(`DROP TABLE IF EXISTS ${table}`);
      await evolving.close();
      await other.close();
    }
    const plain = await openPostgresDatabase(url!, { max: 1, preparedStatements: false });
    try {
      for (let i = 0; i < 3; i += 1) await plain.query('SELECT 1');
      expect((await plain.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements'))[0]!.n).toBe(0);
    } finally {
      await plain.close();
    }
  });

  it.skipIf(!url)('commits with the last statement in one round trip, and rolls back when that statement or the COMMIT fails', async () => {
    const db = await openPostgresDatabase(url!, { max: 1 });
    const table = `public.commit_with_${process.pid}`;
    try {
      await db.exec(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (id int PRIMARY KEY,
        parent int REFERENCES ${table} (id) DEFERRABLE INITIALLY DEFERRED)`);
      const ids = async () => (await db.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);
      // The statement and COMMIT leave in one socket write (one round trip).
      const writes = vi.spyOn(Socket.prototype, '_writev');
      const write = vi.spyOn(Socket.prototype, '_write');
      const rows = await db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} VALUES (1)`);
        writes.mockClear();
        write.mockClear();
        const inserted = await tx.queryAndCommit!<{ id: number }>(`INSERT INTO ${table} VALUES (2) RETURNING id`);
        expect(writes.mock.calls.length + write.mock.calls.length).toBe(1);
        return inserted;
      });
      writes.mockRestore();
      write.mockRestore();
      expect(rows).toEqual([{ id: 2 }]);
      expect(await ids()).toEqual([1, 2]);
      // A failing statement: its error is thrown, and the COMMIT behind it ended the transaction as a rollback.
      await expect(db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} VALUES (3)`);
        return tx.queryAndCommit!(`INSERT INTO ${table} VALUES (1)`);
      })).rejects.toThrow(/duplicate key value violates unique constraint/);
      // A COMMIT that fails (a deferred foreign key checked at commit) is the error, and nothing stays.
      await expect(db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} VALUES (4)`);
        return tx.queryAndCommit!(`INSERT INTO ${table} VALUES (5, 99)`);
      })).rejects.toThrow(/violates foreign key constraint/);
      expect(await ids()).toEqual([1, 2]);
      // Nothing runs on a transaction after its COMMIT was sent.
      await expect(db.transaction(async (tx) => {
        await tx.queryAndCommit!(`INSERT INTO ${table} VALUES (6)`);
        await tx.query(`INSERT INTO ${table} VALUES (7)`);
      })).rejects.toThrow('this transaction already committed (queryAndCommit ends it): nothing may run on it after');
      expect(await ids()).toEqual([1, 2, 6]);
      // The connection is clean afterwards: the next transaction and the pool work as before.
      expect(await db.transaction((tx) => tx.query<{ n: number }>('SELECT 1 AS n'))).toEqual([{ n: 1 }]);
    } finally {
      await db.exec(`DROP TABLE IF EXISTS ${table}`);
      await db.close();
    }
  });

  it.skipIf(!url)('sends BEGIN with a transaction\'s first statement, and nothing for a transaction without one', async () => {
    const db = await openPostgresDatabase(url!, { max: 1 });
    const table = `public.begin_with_${process.pid}`;
    const writes = () => vi.mocked(Socket.prototype._writev!).mock.calls.length + vi.mocked(Socket.prototype._write).mock.calls.length;
    try {
      await db.exec(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (id int PRIMARY KEY)`);
      const ids = async () => (await db.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);
      vi.spyOn(Socket.prototype, '_writev');
      vi.spyOn(Socket.prototype, '_write');
      try {
        // Three statements, the last with COMMIT: three socket writes in all (BEGIN and COMMIT ride along).
        const before = writes();
        await db.transaction(async (tx) => {
          await tx.query(`INSERT INTO ${table} VALUES (1)`);
          await tx.query(`INSERT INTO ${table} VALUES (2)`);
          await tx.queryAndCommit!(`INSERT INTO ${table} VALUES (3)`);
        });
        expect(writes() - before).toBe(3);
        // A transaction of one statement sent with COMMIT is one write; one that runs nothing sends nothing.
        const one = writes();
        expect(await db.transaction((tx) => tx.queryAndCommit!<{ id: number }>(`INSERT INTO ${table} VALUES (4) RETURNING id`))).toEqual([{ id: 4 }]);
        expect(writes() - one).toBe(1);
        const none = writes();
        expect(await db.transaction(async () => 'nothing to do')).toBe('nothing to do');
        expect(writes() - none).toBe(0);
      } finally {
        vi.restoreAllMocks();
      }
      expect(await ids()).toEqual([1, 2, 3, 4]);
      // A failing first statement rolls the transaction back, as does a failure after a first `exec`.
      await expect(db.transaction((tx) => tx.query(`INSERT INTO ${table} VALUES (1)`))).rejects.toThrow(/duplicate key/);
      await expect(db.transaction(async (tx) => {
        await tx.exec(`INSERT INTO ${table} VALUES (5); INSERT INTO ${table} VALUES (6)`);
        throw new Error('changed my mind');
      })).rejects.toThrow('changed my mind');
      expect(await ids()).toEqual([1, 2, 3, 4]);
      // A prepared statement whose Parse failed (its table was gone) is parsed again next time, not assumed parsed.
      const count = `SELECT count(*)::int AS n FROM ${table}`;
      expect(await db.transaction((tx) => tx.query(count))).toEqual([{ n: 4 }]); // first use: unnamed
      await db.exec(`DROP TABLE ${table}`);
      await expect(db.transaction((tx) => tx.query(count))).rejects.toThrow(/does not exist/); // named from here on
      await db.exec(`CREATE TABLE ${table} (id int PRIMARY KEY)`);
      expect(await db.transaction((tx) => tx.query(count))).toEqual([{ n: 0 }]);
    } finally {
      await db.exec(`DROP TABLE IF EXISTS ${table}`);
      await db.close();
    }
  });

  it.skipIf(!url)('survives connections the server closes, idle in the pool or inside a transaction, and carries on with new ones', async () => {
    const name = `lost_${process.pid}_${Date.now()}`;
    const db = await openPostgresDatabase(`${url}${url!.includes('?') ? '&' : '?'}application_name=${name}`, { max: 2 });
    const admin = await openPostgresDatabase(url!, { max: 1 });
    const terminate = () => admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [name]);
    try {
      await Promise.all([db.query('SELECT 1'), db.query('SELECT 2')]); // two idle connections in the pool
      await terminate();
      await new Promise((resolve) => setTimeout(resolve, 100)); // the pool hears both connections end
      expect(await db.query<{ n: number }>('SELECT 3 AS n')).toEqual([{ n: 3 }]);
      const failed = await db.transaction(async (tx) => {
        await tx.query('SELECT 1');
        await terminate(); // this transaction's own connection, while checked out
        return tx.query('SELECT 2');
      }).then(() => undefined, (error: unknown) => error);
      expect(failed).toMatchObject({ message: expect.stringMatching(/terminat|connection error/i) }); // which one depends on when the client hears it
      expect(await db.transaction((tx) => tx.query<{ n: number }>('SELECT 4 AS n'))).toEqual([{ n: 4 }]);
    } finally {
      await db.close();
      await admin.close();
    }
  });
});
