import { CommerceError, isCommerceError } from '../errors.ts';
import type { KitRuntime } from '../action-runtime.ts';
import { currentCallJournal } from '../call-journal.ts';
import { compensateStep, type CompensationReport, type NothingToUndo } from './saga-compensation.ts';
import type { StepRecovery } from './compensation-recipe.ts';
import { startJournal, SagaTakenOver, type SagaJournal } from './saga-journal.ts';
import { recordedError, type SagaRecord, type SagaStatus } from './saga-record.ts';
import { takenOver } from './saga-takeover.ts';

export type { CompensationReport, NothingToUndo } from './saga-compensation.ts';

/** One step of a multi-system operation and its inverse. */
export interface SagaStep<T = unknown> {
  /** Unique within the saga; part of the derived idempotency keys. */
  name: string;
  /**
   * Runs the step; `idempotencyKey` is `<saga key>:<step>` so a re-run saga never repeats it. A run after the key's
   * earlier run was rolled back is a new attempt with new keys, `<saga key>#<attempt>:<step>` (kept with a runtime,
   * where neither the key nor a step name may hold `#`). A re-run of a committed key replays its steps with that
   * attempt's keys and leaves its record committed; a step failing then undoes nothing.
   */
  run(ctx: { idempotencyKey: string; results: ReadonlyMap<string, unknown> }): Promise<T>;
  /**
   * Undoes the step; `idempotencyKey` is `<step key>:compensate`, so it is safe to call again. Returns
   * `{ skipped: reason }` when the step created nothing to undo (its effect was already there before it ran).
   */
  compensate?(result: T, ctx: { idempotencyKey: string }): Promise<void | NothingToUndo>;
  /**
   * Why this step cannot be undone (a tool step whose tool declares `compensation: { none }`). Only a saga's last step
   * may be irreversible — its pivot: every step before it can still be undone if it fails, and nothing after it can
   * fail and leave it behind. runSaga refuses any other order before running a step.
   */
  irreversible?: string;
  /**
   * The compensation as data, kept with the saga's progress so that recoverSagas can undo the step after its process
   * is gone (`toolStep` fills it in). Without it, a recovery can only report the step to an operator.
   */
  recovery?: StepRecovery<T>;
}

export interface SagaOptions {
  /** The operation's name, e.g. "order.create". */
  name: string;
  /** Stable key of this run (e.g. the caller's idempotency key); step keys derive from it. With a kept record, no `#`. */
  key: string;
  /**
   * Where compensations are recorded and counted. Inside a write tool's handler they always go to that call's ledger
   * entries (appended with its error entry, in order) and its runtime's metrics; elsewhere, to this runtime's ledger
   * (one transaction per compensation) and metrics, when given. Outside a write call the runtime also keeps the
   * saga's outcome (kit `sagas` table), so a re-run of a rolled-back key runs a new attempt instead of replaying
   * its undone steps, and its progress, so that recoverSagas rolls it back if the process stops part-way.
   */
  runtime?: KitRuntime;
  /** Ledger context of the compensation entries. */
  subject?: { customerId?: string; orderId?: string; conversationId?: string };
}

/**
 * Runs steps in order. When a step fails (or is refused, e.g. APPROVAL_REQUIRED), the completed steps are
 * compensated in reverse order, each with a derived idempotency key and recorded; then the step's error is rethrown
 * with `details.saga` describing the rollback (an error that is not a CommerceError stays the same error, so that a
 * transient or lost-connection database error is answered UNAVAILABLE by the write pipeline: retry with the same key).
 * If a compensation itself fails, the remaining ones still run and an INTERNAL error lists what an operator must
 * reconcile.
 */
export async function runSaga(steps: readonly SagaStep<any>[], options: SagaOptions): Promise<Map<string, unknown>> {
  const names = steps.map((s) => s.name);
  if (new Set(names).size !== names.length) throw new Error(`saga ${options.name}: step names must be unique (${names.join(', ')})`);
  const pivot = steps.findIndex((s) => s.irreversible !== undefined);
  if (pivot !== -1 && pivot !== steps.length - 1) {
    throw new Error(`saga ${options.name}: step ${steps[pivot]!.name} cannot be undone (${steps[pivot]!.irreversible}), so it must be the last step: a later step failing would leave it behind`);
  }
  const call = currentCallJournal();
  const metrics = call?.metrics ?? options.runtime?.metrics;
  // Inside a write call the saga lives and dies with the call's transaction: no record of its own (saga-journal.ts).
  const kept = !call && options.runtime !== undefined;
  if (kept) refuseAmbiguousKeys(options, names);
  const journal = kept ? await startJournal(options.runtime!, options) : undefined;
  const attempt = journal?.attempt ?? 1;
  const prefix = attempt === 1 ? options.key : `${options.key}#${attempt}`;
  const results = new Map<string, unknown>();
  const done: { step: SagaStep<any>; result: unknown; position: number }[] = [];
  for (const [position, step] of steps.entries()) {
    try {
      const idempotencyKey = `${prefix}:${step.name}`;
      await journal?.started(position, step, idempotencyKey);
      const result = await step.run({ idempotencyKey, results });
      results.set(step.name, result);
      done.push({ step, result, position });
      await journal?.done(position, step, result);
    } catch (error) {
      if (error instanceof SagaTakenOver) throw await takenOver(error, done.at(-1)?.position === position ? done.at(-1) : undefined, { ...options, attempt, prefix });
      if (journal?.replay) {
        // A replay of a committed saga undoes nothing: its effects are the committed saga's, which stays committed.
        throw sagaError(error, { name: options.name, key: options.key, attempt, failedStep: step.name, replayed: true, compensations: [], rolledBack: false }, options, []);
      }
      metrics?.rollbacks.inc({ saga: options.name });
      const lost = await keep(journal, options, 'rolling_back');
      if (lost) throw await takenOver(lost, undefined, { ...options, attempt, prefix }); // its owner undoes the steps
      // The failed step has nothing to undo (a recovery must not look for its effect).
      await journal?.compensated(position, 'step_failed').catch((e: unknown) => log(options, e, `failed ${step.name}`));
      const reports: CompensationReport[] = [];
      for (const { step: undo, result, position: at } of [...done].reverse()) {
        if (!undo.compensate) continue;
        const idempotencyKey = `${prefix}:${undo.name}:compensate`;
        const report = await compensateStep({
          saga: options.name, sagaKey: options.key, attempt, step: undo.name, idempotencyKey, runtime: options.runtime, subject: options.subject,
          undo: () => undo.compensate!(result, { idempotencyKey }),
        }, call);
        reports.push(report);
        metrics?.compensations.inc({ saga: options.name, step: undo.name, outcome: report.outcome });
        await journal?.compensated(at, report.outcome).catch((e: unknown) => log(options, e, `compensated ${undo.name}`));
      }
      const failed = reports.filter((r) => r.outcome === 'failed');
      metrics?.sagas.inc({ saga: options.name, outcome: failed.length ? 'compensation_failed' : 'rolled_back' });
      const saga = { name: options.name, key: options.key, attempt, failedStep: step.name, compensations: reports, rolledBack: failed.length === 0 };
      const thrown = sagaError(error, saga, options, failed);
      await keep(journal, options, failed.length ? 'compensation_failed' : 'rolled_back', recordedError(thrown));
      throw thrown;
    }
  }
  try {
    await journal?.finish('committed');
  } catch (error) {
    if (error instanceof SagaTakenOver) throw await takenOver(error, undefined, { ...options, attempt, prefix });
    throw error;
  }
  metrics?.sagas.inc({ saga: options.name, outcome: 'committed' });
  return results;
}

/** On the failure path the record is kept if it can be: the rollback and the step's error come first. */
async function keep(journal: SagaJournal | undefined, options: SagaOptions, status: SagaStatus, error?: SagaRecord['error']): Promise<SagaTakenOver | undefined> {
  try {
    await journal?.finish(status, error);
  } catch (e) {
    if (e instanceof SagaTakenOver) return e;
    log(options, e, status);
  }
  return undefined;
}

const log = (options: SagaOptions, err: unknown, status: string) =>
  options.runtime?.logger.error({ err, saga: options.name, sagaKey: options.key, status }, 'could not record the progress of a saga');

function sagaError(error: unknown, saga: Record<string, unknown> & { failedStep: string }, options: SagaOptions, failed: CompensationReport[]): unknown {
  if (failed.length > 0) {
    return new CommerceError('INTERNAL', `${options.name}: step ${saga.failedStep} failed and ${failed.map((f) => f.step).join(', ')} could not be undone; an operator must reconcile (saga ${options.key})`, {
      cause: error, details: { saga },
    });
  }
  if (isCommerceError(error)) return new CommerceError(error.code, error.message, { cause: error.cause, details: { ...error.details, saga } });
  // Any other error is rethrown as it is with the rollback in its details: a transient or lost-connection database
  // error must stay one, so that the write pipeline answers UNAVAILABLE (retry with the same key).
  if (typeof error === 'object' && error !== null && Object.isExtensible(error)) {
    const details = (error as { details?: Record<string, unknown> }).details;
    return Object.assign(error, { details: { ...details, saga } });
  }
  const after = saga.replayed ? 'this replay of the committed saga undid nothing' : 'the completed steps were undone';
  return new CommerceError('INTERNAL', `${options.name}: step ${saga.failedStep} failed with an internal error (the operator has the details); ${after} (saga ${options.key})`, {
    cause: error, details: { saga },
  });
}

/**
 * With a kept record, attempt n > 1 runs under `<key>#<n>:<step>`: a key or step name holding `#` could make another
 * key's step keys (key `K#2` at attempt 1 = key `K` at attempt 2; key `a`, step `b#2:s` = key `a:b` at attempt 2,
 * step `s`), so neither may hold one.
 */
function refuseAmbiguousKeys(options: SagaOptions, names: readonly string[]): void {
  if (options.key.includes('#')) {
    throw new CommerceError('INVALID_ARGUMENT', `${options.name}: saga key ${JSON.stringify(options.key)} contains "#", which marks an attempt in the step keys (<key>#<attempt>:<step>); use a key without "#" (e.g. A-Z a-z 0-9 . _ : -, as idempotency keys are)`);
  }
  const named = names.find((n) => n.includes('#'));
  if (named !== undefined) throw new Error(`saga ${options.name}: step name ${JSON.stringify(named)} contains "#", which marks an attempt in the step keys; rename the step`);
}
