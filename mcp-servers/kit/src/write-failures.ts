import { decisionRecord, errorRecord, intentRecord, type CallRecordContext } from './call-records.ts';
import { CommerceError } from './errors.ts';
import type { KitServices } from './kit-services.ts';
import type { LedgerRecord } from './ledger/ledger-entry.ts';
import type { PolicyDecision } from './policy/evaluate-policy.ts';
import type { Evidence } from './tool.ts';

// How a write that did not go through ends (write-pipeline.ts): what it answers, and what the ledger keeps of it.

/** A shadow-mode decision: nothing ran; the proposal is in the error for a person to carry out. */
export function shadowError(c: CallRecordContext, d: PolicyDecision): CommerceError {
  const proposal = { system: c.system, tool: c.tool, action: c.action, arguments: c.input, argsHash: c.argsHash, facts: c.facts };
  return new CommerceError(
    'POLICY_DENIED',
    `shadow mode: ${c.tool} was NOT executed; the policy only lets the agent propose ${c.action}. Proposal recorded for a person to carry out: ${c.tool} ${JSON.stringify(c.input)}`,
    { details: { decision: d, proposal } },
  );
}

/**
 * PostgreSQL rolled the write back because it deadlocked with, or could not be serialized after, a concurrent one
 * (e.g. a duplicate admitted first while another was admitted at commit take the same locks in another order):
 * nothing changed, and the same call with the same key is safe to retry.
 */
export function transientDatabaseError(error: unknown): CommerceError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== '40P01' && code !== '40001') return undefined;
  const what = code === '40P01' ? 'deadlocked with' : 'could not be serialized after';
  return new CommerceError('UNAVAILABLE', `the write ${what} a concurrent one and was rolled back; nothing changed: retry with the same idempotency key`, { cause: error });
}

/** Errors by which PostgreSQL or the driver says the connection is gone (the server was shut down, the socket died). */
const LOST_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '08007', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
const LOST_MESSAGES = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable/i;

export function connectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && LOST_CODES.has(code)) return true;
  return error instanceof Error && LOST_MESSAGES.test(error.message);
}

/**
 * The connection to the database was lost during a call. A read, or a write before its COMMIT was sent, changed
 * nothing. While a write's COMMIT was on its way (or its answer), it may or may not have been applied, and no one can
 * tell until the database answers again: a retry with the same idempotency key then returns the result if it was
 * applied, and applies it once if it was not (a call without a key cannot be retried blindly).
 */
export function lostConnectionError(phase: 'read' | 'write' | 'commit', hasKey: boolean, cause: unknown): CommerceError {
  if (phase === 'read') return new CommerceError('UNAVAILABLE', 'the connection to the database was lost during the read; nothing changed: it is safe to call again', { cause });
  const retry = hasKey ? 'retry with the same idempotency key' : 'it is safe to call again';
  const message = phase === 'commit'
    ? `the connection to the database was lost while the write was committing, so it may or may not have been applied; ${hasKey
      ? 'retry with the same idempotency key: if it was applied, the retry returns its result, and if not, applies it once'
      : 'check its effect before calling again (a call with an idempotency key could simply be retried)'}`
    : `the connection to the database was lost before the write committed; nothing changed: ${retry}`;
  return new CommerceError('UNAVAILABLE', message, { cause, details: { outcome: phase === 'commit' ? 'unknown' : 'not_applied' } });
}

export async function requestApproval(k: KitServices, c: CallRecordContext, decision: PolicyDecision): Promise<CommerceError> {
  const approval = await k.db.transaction((tx) =>
    k.approvals.request(tx, {
      system: c.system, tool: c.tool, action: c.action, arguments: c.input, argsHash: c.argsHash,
      principalId: c.principal.id, principalKind: c.principal.kind, conversationId: c.principal.conversationId,
      customerId: c.facts.customerId, orderId: c.facts.orderId, amount: c.facts.amount,
      reason: decision.explanation, policyVersion: decision.policyVersion, ttlMinutes: k.policy.file.approval_ttl_minutes,
    }),
  );
  return new CommerceError(
    'APPROVAL_REQUIRED',
    `${c.tool} ${decision.explanation}. Approval ${approval.id} was requested (expires ${approval.expiresAt}); once an operator approves it, call ${c.tool} again with exactly the same arguments and approval_id "${approval.id}"`,
    { details: { approval, decision } },
  );
}

/** The intent, decision, what the handler recorded before failing (e.g. saga compensations) and the error. */
export async function recordFailure(k: KitServices, c: CallRecordContext, decision: PolicyDecision | undefined, error: CommerceError, evidence: Evidence[], recorded: LedgerRecord[]): Promise<void> {
  const records = [intentRecord(c), ...(decision ? [decisionRecord(c, decision)] : []), ...recorded, errorRecord(c, error, evidence)];
  try {
    await k.db.transaction((tx) => k.ledger.append(tx, records, k.now()));
  } catch (ledgerError) {
    k.logger.error({ err: ledgerError, callId: c.callId, tool: c.tool }, 'could not record a refused call in the ledger');
  }
}
