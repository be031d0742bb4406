import type { CommerceError } from './errors.ts';
import type { LedgerRecord } from './ledger/ledger-entry.ts';
import type { PolicyDecision } from './policy/evaluate-policy.ts';
import type { Principal } from './principal.ts';
import type { ActionFacts, Evidence } from './tool.ts';

/** Everything the ledger needs to know about one write call. The ledger redacts each record's data as it appends it. */
export interface CallRecordContext {
  callId: string;
  system: string;
  tool: string;
  action: string;
  principal: Principal;
  input: Record<string, unknown>;
  argsHash: string;
  idempotencyKey: string | undefined;
  facts: ActionFacts;
}

function base(c: CallRecordContext, kind: LedgerRecord['kind'], data: Record<string, unknown>): LedgerRecord {
  return {
    kind, callId: c.callId, system: c.system, tool: c.tool, action: c.action,
    principal: { kind: c.principal.kind, id: c.principal.id },
    conversationId: c.principal.conversationId, customerId: c.facts.customerId ?? c.principal.customerId, orderId: c.facts.orderId, data,
  };
}

export function intentRecord(c: CallRecordContext): LedgerRecord {
  return base(c, 'intent', { arguments: c.input, argsHash: c.argsHash, idempotencyKey: c.idempotencyKey });
}

export function decisionRecord(c: CallRecordContext, d: PolicyDecision): LedgerRecord {
  const { amount, status, since } = c.facts;
  return base(c, 'decision', {
    outcome: d.outcome, explanation: d.explanation, reasons: d.reasons, rule: d.rule, autonomy: d.autonomy,
    policyVersion: d.policyVersion, evidence: d.evidence, facts: { amount, status, since },
  });
}

export function approvalUsedRecord(c: CallRecordContext, approvalId: string, resolvedBy: string | undefined): LedgerRecord {
  return base(c, 'approval_used', { approvalId, argsHash: c.argsHash, approvedBy: resolvedBy });
}

export function resultRecord(c: CallRecordContext, output: Record<string, unknown>, evidence: Evidence[], durationMs: number): LedgerRecord {
  return base(c, 'result', { output, evidence, durationMs: Math.round(durationMs * 100) / 100 });
}

export function errorRecord(c: CallRecordContext, error: CommerceError, evidence: Evidence[]): LedgerRecord {
  return base(c, 'error', { code: error.code, message: error.message, evidence });
}
