import { AsyncLocalStorage } from 'node:async_hooks';
import type { LedgerRecord } from './ledger/ledger-entry.ts';
import type { Metrics } from './telemetry/metrics.ts';

/**
 * The write call in progress, seen from code its handler runs (e.g. runSaga): records added here are appended to
 * the ledger with the call's own entries — in the call's transaction when it commits, or with its error entry when
 * it fails — so nothing the handler records needs a second transaction (which would deadlock on PGlite's single
 * connection) and nothing it records is lost with the rollback.
 */
export interface CallJournal {
  readonly callId: string;
  readonly system: string;
  readonly tool: string;
  readonly principal: { kind: string; id: string; conversationId?: string | undefined };
  readonly metrics: Metrics;
  /** Records added so far, in order; they go between the call's decision and its result (or error) entry. */
  readonly records: LedgerRecord[];
}

const current = new AsyncLocalStorage<CallJournal>();

/** Runs `fn` (a write call's transaction) with `journal` as the current call. */
export const withCallJournal = <T>(journal: CallJournal, fn: () => Promise<T>): Promise<T> => current.run(journal, fn);

/** The write call whose handler is running, if any. */
export const currentCallJournal = (): CallJournal | undefined => current.getStore();
