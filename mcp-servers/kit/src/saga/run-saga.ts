import { CommerceError, isCommerceError } from '../errors.ts';
import type { KitRuntime } from '../action-runtime.ts';
import { currentCallJournal, type CallJournal } from '../call-journal.ts';
import type { LedgerRecord } from '../ledger/ledger-entry.ts';

/** One step of a multi-system operation and its inverse. */
export interface SagaStep<T = unknown> {
  /** Unique within the saga; part of the derived idempotency keys. */
  name: string;
  /** Runs the step; `idempotencyKey` is `<saga key>:<step>` so a re-run saga never repeats it. */
  run(ctx: { idempotencyKey: string; results: ReadonlyMap<string, unknown> }): Promise<T>;
  /** Undoes the step; `idempotencyKey` is `<saga key>:<step>:compensate`, so it is safe to call again. */
  compensate?(result: T, ctx: { idempotencyKey: string }): Promise<void>;
}

export interface SagaOptions {
  /** The operation's name, e.g. "order.create". */
  name: string;
  /** Stable key of this run (e.g. the caller's idempotency key); step keys derive from it. */
  key: string;
  /**
   * Where compensations are recorded and counted. Inside a write tool's handler they always go to that call's ledger
   * entries (appended with its error entry, in order) and its runtime's metrics; elsewhere, to this runtime's ledger
   * (one transaction per compensation) and metrics, when given.
   */
  runtime?: KitRuntime;
  /** Ledger context of the compensation entries. */
  subject?: { customerId?: string; orderId?: string; conversationId?: string };
}

export interface CompensationReport {
  step: string;
  outcome: 'ok' | 'failed';
  error?: string;
}

/**
 * Runs steps in order. When a step fails (or is refused, e.g. APPROVAL_REQUIRED), the completed steps are
 * compensated in reverse order, each with a derived idempotency key and recorded; then the step's error is rethrown
 * with `details.saga` describing the rollback. If a compensation itself fails, the remaining ones still run and an
 * INTERNAL error lists what an operator must reconcile.
 */
export async function runSaga(steps: readonly SagaStep<any>[], options: SagaOptions): Promise<Map<string, unknown>> {
  const names = steps.map((s) => s.name);
  if (new Set(names).size !== names.length) throw new Error(`saga ${options.name}: step names must be unique (${names.join(', ')})`);
  const results = new Map<string, unknown>();
  const done: { step: SagaStep<any>; result: unknown }[] = [];
  const call = currentCallJournal();
  const metrics = call?.metrics ?? options.runtime?.metrics;
  for (const step of steps) {
    try {
      const result = await step.run({ idempotencyKey: `${options.key}:${step.name}`, results });
      results.set(step.name, result);
      done.push({ step, result });
    } catch (error) {
      metrics?.rollbacks.inc({ saga: options.name });
      const reports: CompensationReport[] = [];
      for (const { step: undo, result } of [...done].reverse()) {
        if (!undo.compensate) continue;
        const report = await compensate(undo, result, options, call);
        reports.push(report);
        metrics?.compensations.inc({ saga: options.name, step: undo.name, outcome: report.outcome });
      }
      const failed = reports.filter((r) => r.outcome === 'failed');
      metrics?.sagas.inc({ saga: options.name, outcome: failed.length ? 'compensation_failed' : 'rolled_back' });
      const saga = { name: options.name, key: options.key, failedStep: step.name, compensations: reports };
      if (failed.length > 0) {
        throw new CommerceError('INTERNAL', `${options.name}: step ${step.name} failed and ${failed.map((f) => f.step).join(', ')} could not be undone; an operator must reconcile (saga ${options.key})`, {
          cause: error, details: { saga },
        });
      }
      if (isCommerceError(error)) throw new CommerceError(error.code, error.message, { cause: error.cause, details: { ...error.details, saga } });
      throw error;
    }
  }
  metrics?.sagas.inc({ saga: options.name, outcome: 'committed' });
  return results;
}

async function compensate(step: SagaStep<any>, result: unknown, options: SagaOptions, call: CallJournal | undefined): Promise<CompensationReport> {
  const idempotencyKey = `${options.key}:${step.name}:compensate`;
  let report: CompensationReport;
  try {
    await step.compensate!(result, { idempotencyKey });
    report = { step: step.name, outcome: 'ok' };
  } catch (error) {
    report = { step: step.name, outcome: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
  const record: LedgerRecord = {
    kind: 'compensation', callId: `saga:${options.key}`, action: options.name,
    customerId: options.subject?.customerId, orderId: options.subject?.orderId, conversationId: options.subject?.conversationId,
    data: { saga: options.name, sagaKey: options.key, idempotencyKey, ...report },
  };
  if (call) {
    call.records.push({
      ...record, callId: call.callId, system: call.system, tool: call.tool, principal: { kind: call.principal.kind, id: call.principal.id },
      conversationId: record.conversationId ?? call.principal.conversationId,
    });
  } else if (options.runtime) {
    const runtime = options.runtime;
    await runtime.ready();
    await runtime.db.transaction((tx) => runtime.ledger.append(tx, [record], runtime.now()));
  }
  return report;
}
