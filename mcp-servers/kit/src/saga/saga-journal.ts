import { randomUUID } from 'node:crypto';
import type { KitRuntime } from '../action-runtime.ts';
import { CommerceError } from '../errors.ts';
import type { SagaStep } from './run-saga.ts';
import { sagaRecords, unfinishedRollback, type SagaRecord, type SagaStatus } from './saga-record.ts';

/** The run lost its saga: a recovery took it over (it is being rolled back) or another run of the same key did. */
export class SagaTakenOver extends Error {
  constructor(readonly by: 'recovery' | 'run', saga: string, key: string) {
    super(`saga ${saga} ${key} was taken over by ${by === 'recovery' ? 'a recovery' : 'another run of the same key'}`);
  }
}

/** JSON of a value, or null when JSON cannot hold it (kept for an operator's eyes only). */
const json = (value: unknown): string | null => {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
};

/** A run's record of its progress; a replay of a committed saga keeps nothing (`replay`). */
export interface SagaJournal {
  attempt: number;
  /** The key's saga committed already: its steps replay under that attempt's keys and its record is left as it is. */
  replay: boolean;
  started(position: number, step: SagaStep<any>, idempotencyKey: string): Promise<void>;
  done(position: number, step: SagaStep<any>, result: unknown): Promise<void>;
  compensated(position: number, outcome: string): Promise<void>;
  finish(status: SagaStatus, error?: SagaRecord['error']): Promise<void>;
}

const nothing = async (): Promise<void> => undefined;

/**
 * A live run's progress in the kit schema (`sagas` and `saga_steps`, migration 9), so that recoverSagas can roll it back
 * if the process stops. Every change heartbeats the saga (`updated_at`) and is fenced on this run's owner token: once a
 * recovery (or another run of the key) took the saga, the change is refused with SagaTakenOver.
 */
export async function startJournal(runtime: KitRuntime, options: { name: string; key: string; subject?: unknown }): Promise<SagaJournal> {
  const { name, key } = options;
  const records = sagaRecords(runtime);
  const owner = randomUUID();
  const last = await records.get(name, key);
  if (last) {
    const refusal = unfinishedRollback(name, key, last);
    if (refusal) throw refusal;
  }
  // A committed saga is never reopened: a run left part-way through its replay would otherwise be found `running` by
  // a recovery, which would undo the effects the caller was told had happened. Its steps replay (the kit's idempotency
  // answers each with its first result) and nothing is written.
  if (last?.status === 'committed') {
    return { attempt: last.attempt, replay: true, started: nothing, done: nothing, compensated: nothing, finish: nothing };
  }
  // The last attempt again (its steps resume), or the next after a rollback.
  const attempt = !last ? 1 : last.status === 'rolled_back' ? last.attempt + 1 : last.attempt;
  if (!(await records.start(name, key, { attempt, owner, subject: options.subject }, last))) {
    throw new CommerceError('UNAVAILABLE', `${name}: saga ${key} changed while this run was starting (another run of the key, or a recovery, took it); retry with the same key`);
  }
  const sagas = `${runtime.schema}.sagas`;
  const steps = `${runtime.schema}.saga_steps`;
  const alive = `alive AS (UPDATE ${sagas} SET updated_at = $4 WHERE name = $1 AND key = $2 AND owner = $3 RETURNING attempt)`;
  const fenced = async (sql: string, params: unknown[]): Promise<void> => {
    const rows = await runtime.db.query(`WITH ${alive} ${sql}`, [name, key, owner, runtime.now().toISOString(), ...params]);
    if (rows.length === 0) throw await takenOver();
  };
  // Another run of the key took this attempt over only if the saga is still at this attempt and running or committed.
  // Any other state means a recovery took it (rolling it back, or done with it: rolled back, or left to an operator),
  // even when a later attempt now runs or committed: this run's last step then belongs to an attempt that was undone.
  const takenOver = async (): Promise<SagaTakenOver> => {
    const now: SagaRecord | undefined = await records.get(name, key).catch(() => undefined);
    const byRun = now?.attempt === attempt && (now.status === 'running' || now.status === 'committed');
    return new SagaTakenOver(byRun ? 'run' : 'recovery', name, key);
  };
  return {
    attempt,
    replay: false,
    /** Kept before the step runs: its key, and its forward call when recovery can look that call's outcome up. */
    started: (position: number, step: SagaStep<any>, idempotencyKey: string) => fenced(
      `INSERT INTO ${steps} (name, key, attempt, position, step, idempotency_key, call, compensable, irreversible)
       SELECT $1, $2, alive.attempt, $5::integer, $6::text, $7::text, $8::text, $9::boolean, $10::text FROM alive
       ON CONFLICT (name, key, attempt, position) DO UPDATE SET step = EXCLUDED.step, idempotency_key = EXCLUDED.idempotency_key,
         call = EXCLUDED.call, compensable = EXCLUDED.compensable, irreversible = EXCLUDED.irreversible
       RETURNING 1`,
      [position, step.name, idempotencyKey, step.recovery?.call ? JSON.stringify(step.recovery.call) : null, step.compensate !== undefined, step.irreversible ?? null],
    ),
    /** Kept once the step ran: its result, and how recovery undoes it (null: only the run's closure can). */
    done: (position: number, step: SagaStep<any>, result: unknown) => fenced(
      `UPDATE ${steps} s SET done = true, result = $6, undo = $7 FROM alive WHERE s.name = $1 AND s.key = $2 AND s.attempt = alive.attempt AND s.position = $5 RETURNING 1`,
      [position, json(result), step.compensate && step.recovery ? JSON.stringify(step.recovery.undo(result)) : null],
    ),
    /** The outcome of the step's compensation, so a recovery retries only what was not undone. */
    compensated: (position: number, outcome: string) => fenced(
      `UPDATE ${steps} s SET outcome = $6 FROM alive WHERE s.name = $1 AND s.key = $2 AND s.attempt = alive.attempt AND s.position = $5 RETURNING 1`,
      [position, outcome],
    ),
    /** Moves the saga to `status`; a committed saga's steps are forgotten (nothing will undo them). */
    finish: async (status: SagaStatus, error?: SagaRecord['error']): Promise<void> => {
      const rows = await runtime.db.query(
        `WITH kept AS (UPDATE ${sagas} SET status = $5, error = $6, updated_at = $4 WHERE name = $1 AND key = $2 AND owner = $3 RETURNING attempt),
         gone AS (DELETE FROM ${steps} s USING kept WHERE $5 = 'committed' AND s.name = $1 AND s.key = $2 AND s.attempt = kept.attempt)
         SELECT 1 FROM kept`,
        [name, key, owner, runtime.now().toISOString(), status, error ? JSON.stringify(error) : null],
      );
      if (rows.length === 0) throw await takenOver();
    },
  };
}
