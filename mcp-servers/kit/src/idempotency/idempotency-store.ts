import type { Queryable } from '../db/database.ts';
import { assertSchemaName } from '../db/migrate.ts';
import { CommerceError } from '../errors.ts';
import type { Alongside } from '../ledger/ledger.ts';
import type { Principal } from '../principal.ts';

/**
 * Whose keys a key is looked up among: one system and one caller — its kind, id, conversation (an agent acts in one)
 * and customer (a customer principal acts for one). Two conversations of an agent that share an id, or two callers that
 * share a key string, never see each other's results.
 */
export function idempotencyScope(system: string, principal: Principal): string {
  return JSON.stringify([system, principal.kind, principal.id, principal.conversationId ?? null, principal.customerId ?? null]);
}

/** The scope keys had before `idempotencyScope` (system and principal id only); honoured for callers it identified alone. */
export const legacyIdempotencyScope = (system: string, principal: Principal): string => `${system}:${principal.id}`;

/** The args hash of a key saga recovery took for a step call that had not taken effect (saga/compensation-recipe.ts). */
export const FENCED_BY_RECOVERY = 'fenced-by-saga-recovery';

export type Claim = { status: 'claimed' } | { status: 'replay'; result: Record<string, unknown> };

/**
 * Exactly-once writes. The key is claimed inside the write's transaction (admission.ts): the INSERT takes the unique
 * index entry, so a concurrent duplicate blocks until the first transaction ends, then finds the key taken and reads
 * its committed result (READ COMMITTED re-reads) to replay it. The result is stored in the same transaction as the
 * effect, so a failed call leaves no key behind and may be retried.
 */
export function idempotencyStore(schema: string) {
  assertSchemaName(schema);
  const table = `${schema}.idempotency`;
  // One text for every call (the ledger looks its append statement up by it).
  const completed = `completed AS (UPDATE ${table} SET result = $3 WHERE scope = $1 AND key = $2 RETURNING 1)`;
  return {
    /**
     * The key is taken (by a committed call, or one still in progress in another transaction): its result to replay,
     * or CONFLICT when it was used for other arguments, or UNAVAILABLE while that call is still running.
     */
    async existing(q: Queryable, scope: string, key: string, argsHash: string): Promise<Claim> {
      const found = await this.lookup(q, scope, key, argsHash);
      if (!found) throw new CommerceError('UNAVAILABLE', `idempotency key ${key} is held by a call still in progress; retry with the same key`);
      return found;
    },
    /** The committed outcome of a key, if it has one: replay (same arguments) or CONFLICT (other arguments). */
    async lookup(q: Queryable, scope: string, key: string, argsHash: string): Promise<Claim | undefined> {
      const [row] = await q.query<{ args_hash: string; result: string | null }>(
        `SELECT args_hash, result FROM ${table} WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
      if (!row || row.result === null) return undefined;
      if (row.args_hash === FENCED_BY_RECOVERY) {
        throw new CommerceError('CONFLICT', `idempotency key ${key} was settled by saga recovery as a step that never took effect (its saga was rolled back), so this call is not run; a new attempt of the saga uses new keys`);
      }
      if (row.args_hash !== argsHash) {
        throw new CommerceError('CONFLICT', `idempotency key ${key} was already used for a different call (other tool or arguments); use a new key for a new action, or the same arguments to get the first result`);
      }
      return { status: 'replay', result: JSON.parse(row.result) as Record<string, unknown> };
    },
    /**
     * Forgets keys created before `before`, `batch` rows per statement (short transactions beside live writes); a call
     * retried with a forgotten key runs again. Keys of the steps of sagas still to be recovered or reconciled stay:
     * recovery reads a step's committed result by its key to know what to undo (a forgotten key would read as a step
     * that never took effect). Returns how many were removed.
     */
    async prune(q: Queryable, before: Date, batch = 5000): Promise<number> {
      let removed = 0;
      for (;;) {
        const rows = await q.query<{ n: number }>(
          // By row address: the inner scan stops at `batch` old rows (the oldest lie first in the heap) and the delete
          // visits only those rows, so a prune costs what it removes, not a scan of the table per batch (no index).
          `WITH gone AS (DELETE FROM ${table} WHERE ctid = ANY(ARRAY(
             SELECT ctid FROM ${table} WHERE created_at < $1 AND key NOT IN (
               SELECT k FROM ${schema}.saga_steps st JOIN ${schema}.sagas sg ON sg.name = st.name AND sg.key = st.key AND sg.attempt = st.attempt,
                      LATERAL (VALUES (st.idempotency_key), (st.idempotency_key || ':compensate')) AS step_keys (k)
                WHERE sg.status IN ('running', 'rolling_back', 'compensation_failed', 'needs_operator'))
             LIMIT $2)) RETURNING 1)
           SELECT count(*)::int AS n FROM gone`,
          [before.toISOString(), batch],
        );
        const n = rows[0]?.n ?? 0;
        removed += n;
        if (n < batch) return removed;
      }
    },
    /** Whether any key is stored under a scope written before `idempotencyScope` (they go as retention prunes them). */
    async hasLegacyKeys(q: Queryable): Promise<boolean> {
      const [row] = await q.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table} WHERE scope NOT LIKE '[%') AS found`);
      return row?.found === true;
    },
    /** Stores the result of a key claimed earlier in the transaction, in the ledger append's statement (a CTE). */
    completion(scope: string, key: string, result: Record<string, unknown>): Alongside {
      return { ctes: completed, params: [scope, key, JSON.stringify(result)] };
    },
  };
}
export type IdempotencyStore = ReturnType<typeof idempotencyStore>;
