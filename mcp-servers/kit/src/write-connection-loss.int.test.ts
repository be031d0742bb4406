import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from './db/database.ts';
import { isCommerceError } from './errors.ts';
import { ADMISSION_MODES, kitHarness, principals, type KitHarness } from './testing/kit-harness.ts';
import { benchPolicy, getBalance, issueRefund } from './testing/refunds-system.ts';
import { createLogger } from './telemetry/logger.ts';
import { DATABASE_START_TIMEOUT_MS, sharedPostgres, testPostgresUrl } from './testing/test-database.ts';

/**
 * The database connection lost in the middle of a write, on PostgreSQL: for real (the backend terminated while the
 * transaction runs), and at the two moments a test can only stage (the COMMIT's answer lost after PostgreSQL applied
 * it; the COMMIT lost on its way). Each time: a clear UNAVAILABLE saying whether anything may have changed, and a retry
 * with the same key that ends with exactly one effect.
 */
type Fault = 'none' | 'terminate-backend' | 'answer-lost-after-commit' | 'commit-lost' | 'read-lost';
const lostError = () => new Error('Connection terminated unexpectedly');

function faulty(db: Database, fault: { now: Fault }): Database {
  const wrapTx = (tx: Queryable): Queryable => ({
    query: async (sql, params) => {
      if (fault.now === 'terminate-backend' && sql.includes('INSERT INTO') && sql.includes('.refunds')) {
        fault.now = 'none';
        await tx.query('SELECT pg_terminate_backend(pg_backend_pid())'); // this connection's own backend: FATAL 57P01
      }
      return tx.query(sql, params);
    },
    exec: (sql) => tx.exec(sql),
    ...(tx.queryAndCommit && {
      queryAndCommit: async <T>(sql: string, params?: readonly unknown[]) => {
        if (fault.now === 'commit-lost') throw lostError(); // never sent: nothing commits
        return tx.queryAndCommit!<T>(sql, params);
      },
    }),
  });
  return {
    ...db,
    query: async (sql, params) => {
      if (fault.now === 'read-lost') throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
      return db.query(sql, params);
    },
    kind: db.kind,
    close: db.close,
    async transaction(fn) {
      const result = await db.transaction(async (tx) => {
        const r = await fn(wrapTx(tx));
        if (fault.now === 'commit-lost') throw lostError(); // the COMMIT that db.transaction would send is lost: ROLLBACK
        return r;
      });
      if (fault.now === 'answer-lost-after-commit') throw lostError(); // applied, but the answer never came back
      return result;
    },
  };
}

describe.skipIf(!testPostgresUrl()).each(ADMISSION_MODES)('a call whose database connection is lost (writes admitted at %s)', (admission) => {
  const fault: { now: Fault } = { now: 'none' };
  let h: KitHarness;
  beforeAll(async () => void (h = await kitHarness(faulty(await sharedPostgres(), fault), { admission, policy: benchPolicy(), logger: createLogger({ level: 'silent' }) })), DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  const refund = (orderId: string, key: string | undefined) =>
    h.runtime.invoke({ system: 'refunds', tool: issueRefund, input: { customer_id: 'bob', order_id: orderId, amount: 5 }, principal: principals.bob, idempotencyKey: key }, h.backend);
  const failure = (run: () => Promise<unknown>) => run().then(() => undefined, (error: unknown) => error);
  const refundsOf = async (orderId: string) => (await h.runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${h.schema}.refunds WHERE order_id = $1`, [orderId]))[0]!.n;

  it('answers UNAVAILABLE "nothing changed" when the backend dies before the COMMIT, and the retry applies the write once', async () => {
    fault.now = 'terminate-backend';
    const error = await failure(() => refund('#L1', 'lost-1'));
    expect(isCommerceError(error) && error.code).toBe('UNAVAILABLE');
    expect(error).toMatchObject({ message: 'the connection to the database was lost before the write committed; nothing changed: retry with the same idempotency key', details: { outcome: 'not_applied' } });
    expect(await refundsOf('#L1')).toBe(0);
    const retried = await refund('#L1', 'lost-1');
    expect(retried).toMatchObject({ refund_id: expect.any(Number), amount: 5 });
    expect(await refund('#L1', 'lost-1')).toEqual(retried); // and from then on it replays
    expect(await refundsOf('#L1')).toBe(1);
    // The refused attempt is in the ledger with its error; the pool dropped the dead connection.
    const kinds = (await h.runtime.ledger.find(h.runtime.db, { orderId: '#L1' })).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'error')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'result')).toHaveLength(1);
  });

  it('answers with the result when the COMMIT was applied but its answer was lost, without an error entry', async () => {
    fault.now = 'answer-lost-after-commit';
    const answer = await refund('#L2', 'lost-2');
    fault.now = 'none';
    expect(answer).toMatchObject({ refund_id: expect.any(Number), amount: 5 });
    expect(await refund('#L2', 'lost-2')).toEqual(answer);
    expect(await refundsOf('#L2')).toBe(1);
    const kinds = (await h.runtime.ledger.find(h.runtime.db, { orderId: '#L2' })).map((e) => e.kind);
    expect(kinds).not.toContain('error');
    expect(kinds.filter((k) => k === 'result')).toHaveLength(1);
  });

  it('answers UNAVAILABLE "may or may not have been applied" when the COMMIT was lost, and the retry applies it once', async () => {
    fault.now = 'commit-lost';
    const error = await failure(() => refund('#L3', 'lost-3'));
    fault.now = 'none';
    expect(error).toMatchObject({
      code: 'UNAVAILABLE', details: { outcome: 'unknown' },
      message: 'the connection to the database was lost while the write was committing, so it may or may not have been applied; retry with the same idempotency key: if it was applied, the retry returns its result, and if not, applies it once',
    });
    expect(await refundsOf('#L3')).toBe(0);
    expect(await refund('#L3', 'lost-3')).toMatchObject({ refund_id: expect.any(Number), amount: 5 });
    expect(await refundsOf('#L3')).toBe(1);
  });

  it('tells a caller without a key to check the effect first when the outcome is unknown', async () => {
    fault.now = 'commit-lost';
    const error = await failure(() => refund('#L4', undefined));
    fault.now = 'none';
    expect(error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('check its effect before calling again') });
  });

  it('answers a read that lost its connection with UNAVAILABLE, safe to call again', async () => {
    fault.now = 'read-lost';
    const error = await failure(() => h.runtime.invoke({ system: 'refunds', tool: getBalance, input: { customer_id: 'bob' }, principal: principals.bob }, h.backend));
    fault.now = 'none';
    expect(error).toMatchObject({ code: 'UNAVAILABLE', message: 'the connection to the database was lost during the read; nothing changed: it is safe to call again' });
  });
});
