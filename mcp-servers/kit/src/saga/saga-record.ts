import type { KitRuntime } from '../action-runtime.ts';
import { CommerceError, ERROR_CODES, isCommerceError, type ErrorCode } from '../errors.ts';

/** needs_operator: recovery undid what it could; a step it cannot undo after a restart is left to an operator. */
export type SagaStatus = 'running' | 'committed' | 'rolling_back' | 'rolled_back' | 'compensation_failed' | 'needs_operator';

/** What a saga key's earlier runs left: which attempt ran last, how it ended, and the error it answered. */
export interface SagaRecord {
  attempt: number;
  status: SagaStatus;
  error?: { code: string; message: string; details?: Record<string, unknown> } | undefined;
  /** The run or recovery that holds it (a random token); every change of its progress is fenced on it. */
  owner?: string | null | undefined;
}

/**
 * The durable outcome of a saga run outside a write call, in the kit schema's `sagas` table (one short transaction
 * per change), with its progress (saga-journal.ts). Inside a write call nothing is kept here: the saga's effects and
 * its record would share the call's transaction, and a failed call rolls back with everything it wrote.
 */
export function sagaRecords(runtime: KitRuntime) {
  const table = `${runtime.schema}.sagas`;
  return {
    async get(name: string, key: string): Promise<SagaRecord | undefined> {
      await runtime.ready();
      const [row] = await runtime.db.query<{ attempt: number; status: SagaStatus; error: string | null; owner: string | null }>(
        `SELECT attempt, status, error, owner FROM ${table} WHERE name = $1 AND key = $2`, [name, key],
      );
      if (!row) return undefined;
      return { attempt: row.attempt, status: row.status, error: row.error === null ? undefined : JSON.parse(row.error), owner: row.owner };
    },
    /**
     * Starts `attempt` as `owner`, if the key is still as `last` left it (nothing, or that record): false when another
     * run or a recovery changed it in between.
     */
    async start(name: string, key: string, start: { attempt: number; owner: string; subject?: unknown }, last: SagaRecord | undefined): Promise<boolean> {
      await runtime.ready();
      const rows = await runtime.db.query(
        `INSERT INTO ${table} AS t (name, key, attempt, status, error, updated_at, owner, subject) VALUES ($1, $2, $3, 'running', NULL, $4, $5, $6)
         ON CONFLICT (name, key) DO UPDATE SET attempt = EXCLUDED.attempt, status = 'running', error = NULL, updated_at = EXCLUDED.updated_at,
           owner = EXCLUDED.owner, subject = EXCLUDED.subject
         WHERE t.status = $7 AND t.attempt = $8 AND t.owner IS NOT DISTINCT FROM $9
         RETURNING 1`,
        [name, key, start.attempt, runtime.now().toISOString(), start.owner, start.subject === undefined ? null : JSON.stringify(start.subject),
          last?.status ?? null, last?.attempt ?? null, last?.owner ?? null],
      );
      return rows.length > 0;
    },
  };
}
export type SagaRecords = ReturnType<typeof sagaRecords>;

/** The error a failed saga answered, as kept in its record. */
export function recordedError(error: unknown): NonNullable<SagaRecord['error']> {
  if (isCommerceError(error)) return { code: error.code, message: error.message, details: error.details };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/**
 * A run of a saga key must not start while an earlier one could not be undone (or is still being undone): answered
 * with that run's error, so the operator reconciles it once instead of a re-run piling effects on top.
 */
export function unfinishedRollback(name: string, key: string, record: SagaRecord): CommerceError | undefined {
  if ((record.status === 'compensation_failed' || record.status === 'needs_operator') && record.error) {
    const { code, message, details } = record.error;
    const saga = { ...(details?.saga as Record<string, unknown> | undefined), rolledBack: false, replayed: true };
    return new CommerceError(knownCode(code), message, { details: { ...details, saga } });
  }
  if (record.status === 'rolling_back') {
    return new CommerceError(
      'UNAVAILABLE',
      `${name}: saga ${key} (attempt ${record.attempt}) is being rolled back, or its rollback was interrupted (recoverSagas finishes it); retry with the same key later, and if this persists an operator must reconcile it`,
      { details: { saga: { name, key, attempt: record.attempt, rolledBack: false } } },
    );
  }
  return undefined;
}

const knownCode = (code: string): ErrorCode => ((ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL');
