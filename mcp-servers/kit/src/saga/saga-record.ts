import type { KitRuntime } from '../action-runtime.ts';
import { CommerceError, ERROR_CODES, isCommerceError, type ErrorCode } from '../errors.ts';

export type SagaStatus = 'running' | 'committed' | 'rolling_back' | 'rolled_back' | 'compensation_failed';

/** What a saga key's earlier runs left: which attempt ran last, how it ended, and the error it answered. */
export interface SagaRecord {
  attempt: number;
  status: SagaStatus;
  error?: { code: string; message: string; details?: Record<string, unknown> } | undefined;
}

/**
 * The durable outcome of a saga run outside a write call, in the kit schema's `sagas` table (one short transaction
 * per change). Inside a write call nothing is kept here: the saga's effects and its record would share the call's
 * transaction, and a failed call rolls back with everything it wrote.
 */
export function sagaRecords(runtime: KitRuntime) {
  const table = `${runtime.schema}.sagas`;
  return {
    async get(name: string, key: string): Promise<SagaRecord | undefined> {
      await runtime.ready();
      const [row] = await runtime.db.query<{ attempt: number; status: SagaStatus; error: string | null }>(
        `SELECT attempt, status, error FROM ${table} WHERE name = $1 AND key = $2`, [name, key],
      );
      if (!row) return undefined;
      return { attempt: row.attempt, status: row.status, error: row.error === null ? undefined : JSON.parse(row.error) };
    },
    async set(name: string, key: string, record: SagaRecord): Promise<void> {
      await runtime.ready();
      await runtime.db.query(
        `INSERT INTO ${table} (name, key, attempt, status, error, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (name, key) DO UPDATE SET attempt = EXCLUDED.attempt, status = EXCLUDED.status, error = EXCLUDED.error, updated_at = EXCLUDED.updated_at`,
        [name, key, record.attempt, record.status, record.error ? JSON.stringify(record.error) : null, runtime.now().toISOString()],
      );
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
  if (record.status === 'compensation_failed' && record.error) {
    const { code, message, details } = record.error;
    const saga = { ...(details?.saga as Record<string, unknown> | undefined), rolledBack: false, replayed: true };
    return new CommerceError(knownCode(code), message, { details: { ...details, saga } });
  }
  if (record.status === 'rolling_back') {
    return new CommerceError(
      'UNAVAILABLE',
      `${name}: saga ${key} (attempt ${record.attempt}) is being rolled back, or its rollback was interrupted; retry with the same key later, and if this persists an operator must reconcile it`,
      { details: { saga: { name, key, attempt: record.attempt, rolledBack: false } } },
    );
  }
  return undefined;
}

const knownCode = (code: string): ErrorCode => ((ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL');
