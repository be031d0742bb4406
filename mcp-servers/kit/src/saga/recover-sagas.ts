import { randomUUID } from 'node:crypto';
import type { KitRuntime } from '../action-runtime.ts';
import { CallInProgress, FENCE_WAIT_MS, runRecipe, settleCall, undoOfUnfinishedCall, type CompensationRecipe, type SagaCompensations, type ToolCallRecipe } from './compensation-recipe.ts';
import { compensateStep, type CompensationReport, type NeedsOperator, type NothingToUndo } from './saga-compensation.ts';
import type { SagaStatus } from './saga-record.ts';

export type { SagaStatus } from './saga-record.ts';

export interface RecoverSagasOptions {
  /**
   * Milliseconds without progress after which a saga left `running` (or `rolling_back`) is taken to have lost its
   * process. A run records progress at each step's start and end, so this must exceed the slowest step; a run that is
   * taken over anyway stops at its next step (fenced) and answers UNAVAILABLE.
   */
  olderThan: number;
  /** The tools (per system) and named handlers the recorded compensations call. */
  compensations: SagaCompensations;
  /** Sagas handled by one call at most (default 100). */
  limit?: number;
  /**
   * How long to wait for a step's call that still holds its idempotency key in an open transaction (a stalled process)
   * before leaving the saga for the next run (default 10 s).
   */
  callWaitMs?: number;
}

/**
 * What a recovery did with one saga. `taken_over`: another recovery took it meanwhile (this one was too slow).
 * `committed`: its last step, one nothing undoes, had committed: the saga was done, so nothing was undone.
 */
export interface SagaRecovery {
  name: string;
  key: string;
  attempt: number;
  /** The status it was found in. */
  from: SagaStatus;
  status: Exclude<SagaStatus, 'running'> | 'taken_over';
  compensations: CompensationReport[];
}

interface StepRow {
  position: number;
  step: string;
  idempotency_key: string;
  call: string | null;
  compensable: boolean;
  done: boolean;
  undo: string | null;
  outcome: string | null;
  irreversible: string | null;
}

/** Outcomes after which a step is left alone: undone, nothing to undo, its own failure, or left to an operator. */
const SETTLED = new Set(['ok', 'skipped', 'transaction_rolled_back', 'step_failed', 'needs_operator']);

/**
 * Rolls back the sagas whose process is gone: left `running` or `rolling_back` with no progress for `olderThan`, or
 * `compensation_failed` (retried on every call). Each is claimed with a row lock (SKIP LOCKED) and a new owner token,
 * so concurrent recoveries (other processes too) take different sagas, and a run still going stops at its next step.
 * The recorded steps are undone in reverse with their compensation keys (`<step key>:compensate`, as the live path),
 * each recorded in the ledger (`recovered: true`); a step whose compensation was a closure is `needs_operator`.
 * The saga ends `rolled_back`, `compensation_failed` (retried next time) or `needs_operator` — or `committed` when its
 * last step is one nothing undoes (a tool declaring `compensation: { none }`) and that step had committed.
 */
export async function recoverSagas(runtime: KitRuntime, options: RecoverSagasOptions): Promise<SagaRecovery[]> {
  if (options.callWaitMs !== undefined && (!Number.isInteger(options.callWaitMs) || options.callWaitMs < 1)) {
    throw new Error(`recoverSagas: callWaitMs must be a positive whole number of milliseconds, got ${options.callWaitMs}`);
  }
  await runtime.ready();
  const handled: string[] = [];
  const recoveries: SagaRecovery[] = [];
  while (recoveries.length < (options.limit ?? 100)) {
    const owner = randomUUID();
    const cutoff = new Date(runtime.now().getTime() - options.olderThan).toISOString();
    const [saga] = await runtime.db.query<{ name: string; key: string; attempt: number; subject: string | null; from_status: SagaStatus }>(
      `WITH picked AS (
         SELECT name, key, status FROM ${runtime.schema}.sagas
         WHERE ((status IN ('running', 'rolling_back') AND updated_at < $1) OR status = 'compensation_failed')
           AND (name || chr(10) || key) <> ALL($2::text[])
         ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       UPDATE ${runtime.schema}.sagas s SET status = 'rolling_back', owner = $3, updated_at = $4
       FROM picked WHERE s.name = picked.name AND s.key = picked.key
       RETURNING s.name, s.key, s.attempt, s.subject, picked.status AS from_status`,
      [cutoff, handled, owner, runtime.now().toISOString()],
    );
    if (!saga) break;
    handled.push(`${saga.name}\n${saga.key}`);
    recoveries.push(await rollBack(runtime, options.compensations, { ...saga, owner }, options.callWaitMs ?? FENCE_WAIT_MS));
  }
  return recoveries;
}

async function rollBack(
  runtime: KitRuntime, registry: SagaCompensations,
  saga: { name: string; key: string; attempt: number; subject: string | null; from_status: SagaStatus; owner: string }, callWaitMs: number,
): Promise<SagaRecovery> {
  const { name, key, attempt, owner } = saga;
  const subject = saga.subject === null ? undefined : JSON.parse(saga.subject);
  const rows = await runtime.db.query<StepRow>(
    `SELECT position, step, idempotency_key, call, compensable, done, undo, outcome, irreversible FROM ${runtime.schema}.saga_steps
     WHERE name = $1 AND key = $2 AND attempt = $3 ORDER BY position DESC`, [name, key, attempt],
  );
  const recovery: SagaRecovery = { name, key, attempt, from: saga.from_status, status: 'rolled_back', compensations: [] };
  const fence = `WITH alive AS (UPDATE ${runtime.schema}.sagas SET updated_at = $4 WHERE name = $1 AND key = $2 AND owner = $3 RETURNING 1)`;
  const last = rows[0];
  if (last && !last.done && last.call !== null && last.irreversible === null && last.outcome === null) {
    // The last step's call may still be open in a stalled process: settle it first, so nothing is undone under it.
    try {
      await settleCall(runtime, registry, JSON.parse(last.call) as ToolCallRecipe, last.idempotency_key, callWaitMs);
    } catch (error) {
      if (error instanceof CallInProgress) return settleLater(runtime, saga, recovery, `its step ${last.step} is still in progress in another transaction`);
      // Anything else is met again, and reported, when that step is undone below.
    }
  }
  const pivot = await pivotVerdict(runtime, registry, last, callWaitMs);
  const undoneAlready = rows.filter((r) => r.outcome !== null && !['step_failed', 'failed', 'needs_operator'].includes(r.outcome)).map((r) => r.step);
  const notUndone = rows.filter((r) => r.outcome === 'failed' || r.outcome === 'needs_operator').map((r) => r.step);
  if (pivot === 'committed' && undoneAlready.length === 0 && notUndone.length === 0) {
    // Its last step cannot be undone and took effect: the saga went through; undoing the steps before it would leave half.
    const finished = await runtime.db.query(
      `WITH done AS (UPDATE ${runtime.schema}.sagas SET status = 'committed', error = NULL, updated_at = $4 WHERE name = $1 AND key = $2 AND owner = $3 RETURNING 1),
            gone AS (DELETE FROM ${runtime.schema}.saga_steps s USING done WHERE s.name = $1 AND s.key = $2 AND s.attempt = $5)
       SELECT 1 FROM done`,
      [name, key, owner, runtime.now().toISOString(), attempt],
    );
    if (finished.length === 0) return { ...recovery, status: 'taken_over' };
    runtime.metrics.sagas.inc({ saga: name, outcome: 'committed' });
    runtime.logger.info({ saga: name, sagaKey: key, attempt, from: saga.from_status, step: rows[0]!.step, recovered: true }, 'recovered a saga: its last step, which nothing undoes, had committed, so it is committed');
    return { ...recovery, status: 'committed' };
  }
  if (pivot === 'in_progress') return settleLater(runtime, saga, recovery, `its last step ${rows[0]!.step}, which cannot be undone, is still in progress in another transaction`);
  if (pivot !== 'committed' && pivot !== 'not_committed' && pivot !== 'none') return leaveToOperator(runtime, saga, recovery, pivot.needsOperator);
  if (pivot === 'committed') {
    const tried = notUndone.length ? ` (and failed to undo ${notUndone.join(', ')})` : '';
    return leaveToOperator(runtime, saga, recovery, `its last step ${rows[0]!.step} cannot be undone and took effect, but the run had already undone ${undoneAlready.join(', ') || 'nothing'}${tried}: redo those or undo ${rows[0]!.step} by hand`);
  }
  for (const row of rows) {
    if (!row.compensable || (row.outcome !== null && SETTLED.has(row.outcome))) continue;
    const idempotencyKey = `${row.idempotency_key}:compensate`;
    const report = await compensateStep({
      saga: name, sagaKey: key, attempt, step: row.step, idempotencyKey, runtime, subject, recovered: true,
      undo: () => undoStep(runtime, registry, row, idempotencyKey, callWaitMs),
    }, undefined);
    runtime.metrics.compensations.inc({ saga: name, step: row.step, outcome: report.outcome });
    recovery.compensations.push(report);
    row.outcome = report.outcome;
    const kept = await runtime.db.query(
      `${fence} UPDATE ${runtime.schema}.saga_steps s SET outcome = $5 FROM alive WHERE s.name = $1 AND s.key = $2 AND s.attempt = $6 AND s.position = $7 RETURNING 1`,
      [name, key, owner, runtime.now().toISOString(), report.outcome, attempt, row.position],
    );
    if (kept.length === 0) return { ...recovery, status: 'taken_over' };
  }
  const open = rows.filter((r) => r.compensable && r.outcome !== null && (r.outcome === 'failed' || r.outcome === 'needs_operator'));
  const status = open.some((r) => r.outcome === 'failed') ? 'compensation_failed' : open.length ? 'needs_operator' : 'rolled_back';
  const error = status === 'rolled_back' ? null : JSON.stringify({
    code: 'INTERNAL',
    message: `${name}: saga ${key} was rolled back by a recovery, but ${open.map((r) => r.step).join(', ')} could not be undone; ${status === 'compensation_failed' ? 'the next recovery retries it, and if that keeps failing an operator must reconcile' : 'an operator must reconcile'} (saga ${key})`,
    details: { saga: { name, key, attempt, recovered: true, rolledBack: false, compensations: recovery.compensations, open: open.map((r) => ({ step: r.step, outcome: r.outcome })) } },
  });
  const finished = await runtime.db.query(
    `UPDATE ${runtime.schema}.sagas SET status = $4, error = $5, updated_at = $6 WHERE name = $1 AND key = $2 AND owner = $3 RETURNING 1`,
    [name, key, owner, status, error, runtime.now().toISOString()],
  );
  if (finished.length === 0) return { ...recovery, status: 'taken_over' };
  runtime.metrics.sagas.inc({ saga: name, outcome: status });
  runtime.logger[status === 'rolled_back' ? 'info' : 'warn']({ saga: name, sagaKey: key, attempt, from: saga.from_status, status, compensations: recovery.compensations }, 'recovered a saga');
  return { ...recovery, status };
}

/**
 * What the saga's last started step says when nothing undoes it (its pivot): `committed` (done, or its call's key holds
 * a result), `not_committed` (settled as never taking effect), or that an operator must decide (its end was not
 * recorded and no call was kept to look up, or the lookup failed); `none` when the last step is not such a step.
 */
async function pivotVerdict(runtime: KitRuntime, registry: SagaCompensations, last: StepRow | undefined, callWaitMs: number): Promise<'none' | 'committed' | 'not_committed' | 'in_progress' | NeedsOperator> {
  if (!last || last.irreversible === null) return 'none';
  if (last.done) return 'committed';
  if (last.call === null) {
    return { needsOperator: `its last step ${last.step} cannot be undone (${last.irreversible}) and had started when its process stopped; recovery cannot tell whether it took effect: check it (key ${last.idempotency_key}), then undo the steps before it or not` };
  }
  try {
    return (await settleCall(runtime, registry, JSON.parse(last.call) as ToolCallRecipe, last.idempotency_key, callWaitMs)) ? 'committed' : 'not_committed';
  } catch (error) {
    if (error instanceof CallInProgress) return 'in_progress';
    return { needsOperator: `could not tell whether its last step ${last.step}, which cannot be undone, took effect (${(error as Error).message}); nothing was undone` };
  }
}

type Claimed = { name: string; key: string; attempt: number; owner: string; from_status: SagaStatus };

/** Ends the saga `needs_operator` with `why`, undoing nothing (fenced by the recovery's owner token). */
const leaveToOperator = (runtime: KitRuntime, saga: Claimed, recovery: SagaRecovery, why: string) =>
  setStatus(runtime, saga, recovery, 'needs_operator', 'INTERNAL', `needs an operator: ${why}`);

/**
 * Leaves the saga for the next recovery run (`compensation_failed` is picked up on every run), undoing nothing now; a
 * re-run of its key meanwhile answers UNAVAILABLE (retry later), not an operator's INTERNAL.
 */
const settleLater = (runtime: KitRuntime, saga: Claimed, recovery: SagaRecovery, why: string) =>
  setStatus(runtime, saga, recovery, 'compensation_failed', 'UNAVAILABLE', `was left for the next recovery: ${why}; retry with the same key later`);

async function setStatus(runtime: KitRuntime, saga: Claimed, recovery: SagaRecovery, status: 'needs_operator' | 'compensation_failed', code: 'INTERNAL' | 'UNAVAILABLE', what: string): Promise<SagaRecovery> {
  const { name, key, attempt, owner } = saga;
  const error = JSON.stringify({ code, message: `${name}: saga ${key} ${what}`, details: { saga: { name, key, attempt, recovered: true, rolledBack: false, compensations: [] } } });
  const finished = await runtime.db.query(
    `UPDATE ${runtime.schema}.sagas SET status = $4, error = $5, updated_at = $6 WHERE name = $1 AND key = $2 AND owner = $3 RETURNING 1`,
    [name, key, owner, status, error, runtime.now().toISOString()],
  );
  if (finished.length === 0) return { ...recovery, status: 'taken_over' };
  runtime.metrics.sagas.inc({ saga: name, outcome: code === 'UNAVAILABLE' ? 'deferred' : status });
  runtime.logger.warn({ saga: name, sagaKey: key, attempt, from: saga.from_status, what }, `recovered a saga: ${status === 'needs_operator' ? 'left to an operator' : 'left for the next run'}`);
  return { ...recovery, status };
}

/** The step's compensation, from what its run kept. */
async function undoStep(runtime: KitRuntime, registry: SagaCompensations, row: StepRow, idempotencyKey: string, callWaitMs: number): Promise<void | NothingToUndo | NeedsOperator> {
  if (!row.done) {
    if (!row.call) {
      return { needsOperator: `step ${row.step} had started when its process stopped and its end was not recorded, so it may have taken effect; recovery cannot tell: check it (key ${row.idempotency_key}) and undo it by hand` };
    }
    const undo = await undoOfUnfinishedCall(runtime, registry, JSON.parse(row.call) as ToolCallRecipe, row.idempotency_key, callWaitMs);
    return runRecipe(runtime, registry, undo, idempotencyKey);
  }
  if (row.undo === null) {
    return { needsOperator: `step ${row.step} is undone by code of the process that ran it (a closure with no recovery description), which a recovery cannot rebuild; undo it by hand (key ${row.idempotency_key})` };
  }
  return runRecipe(runtime, registry, JSON.parse(row.undo) as CompensationRecipe | NothingToUndo, idempotencyKey);
}
