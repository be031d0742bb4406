import type { KitRuntime } from '../action-runtime.ts';
import type { CallJournal } from '../call-journal.ts';
import type { LedgerRecord } from '../ledger/ledger-entry.ts';

/** Returned by a compensation that found nothing of its step's to undo (the effect existed before the step ran). */
export interface NothingToUndo {
  skipped: string;
}

/** Returned by a recovery's undo that cannot undo the step: why, for the operator who must. */
export interface NeedsOperator {
  needsOperator: string;
}

export interface CompensationReport {
  step: string;
  /**
   * ok: undone. skipped: the step created nothing (its effect was already in place), so nothing was undone.
   * transaction_rolled_back: the compensation ran on the transaction the failure aborted (PostgreSQL 25P02); that
   * transaction's rollback undoes the step. failed: not undone (a recovery retries it). needs_operator: a recovery
   * cannot undo it after a restart (its compensation was a closure, or it may have taken effect unrecorded).
   */
  outcome: 'ok' | 'skipped' | 'transaction_rolled_back' | 'failed' | 'needs_operator';
  error?: string;
  note?: string;
}

/** PostgreSQL: "current transaction is aborted, commands ignored until end of transaction block". */
const abortedTransaction = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === '25P02';

export interface CompensationRun {
  saga: string;
  sagaKey: string;
  attempt: number;
  step: string;
  idempotencyKey: string;
  undo: () => Promise<unknown>;
  /** Run by recoverSagas after the saga's process was gone (kept in the ledger entry). */
  recovered?: boolean;
  runtime?: KitRuntime | undefined;
  subject?: { customerId?: string; orderId?: string; conversationId?: string } | undefined;
}

/** Runs one compensation and records it: with the write call's entries when inside one, else in the runtime's ledger. */
export async function compensateStep(c: CompensationRun, call: CallJournal | undefined): Promise<CompensationReport> {
  let report: CompensationReport;
  try {
    const undone = await c.undo();
    const skipped = (undone as NothingToUndo | undefined)?.skipped;
    const needsOperator = (undone as NeedsOperator | undefined)?.needsOperator;
    report = typeof skipped === 'string' ? { step: c.step, outcome: 'skipped', note: skipped }
      : typeof needsOperator === 'string' ? { step: c.step, outcome: 'needs_operator', note: needsOperator }
      : { step: c.step, outcome: 'ok' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report = abortedTransaction(error)
      ? { step: c.step, outcome: 'transaction_rolled_back', note: `the compensation ran on the transaction the failure aborted (${message}); its rollback undoes the step` }
      : { step: c.step, outcome: 'failed', error: message };
  }
  const record: LedgerRecord = {
    kind: 'compensation', callId: `saga:${c.sagaKey}`, action: c.saga,
    customerId: c.subject?.customerId, orderId: c.subject?.orderId, conversationId: c.subject?.conversationId,
    data: { saga: c.saga, sagaKey: c.sagaKey, ...(c.attempt > 1 ? { attempt: c.attempt } : {}), idempotencyKey: c.idempotencyKey, ...(c.recovered ? { recovered: true } : {}), ...report },
  };
  if (call) {
    call.records.push({
      ...record, callId: call.callId, system: call.system, tool: call.tool, principal: { kind: call.principal.kind, id: call.principal.id },
      conversationId: record.conversationId ?? call.principal.conversationId,
    });
  } else if (c.runtime) {
    const runtime = c.runtime;
    await runtime.ready();
    await runtime.db.transaction((tx) => runtime.ledger.append(tx, [record], runtime.now()));
  }
  return report;
}
