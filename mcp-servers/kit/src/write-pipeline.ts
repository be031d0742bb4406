import { randomUUID } from 'node:crypto';
import { withCallJournal, type CallJournal } from './call-journal.ts';
import { approvalUsedRecord, decisionRecord, errorRecord, intentRecord, resultRecord, type CallRecordContext } from './call-records.ts';
import { argumentsHash } from './canonical-json.ts';
import { CommerceError, isCommerceError } from './errors.ts';
import { admitWrite } from './idempotency/admission.ts';
import type { KitServices } from './kit-services.ts';
import type { LedgerRecord } from './ledger/ledger-entry.ts';
import { effectiveRule, evaluatePolicy, type PolicyDecision } from './policy/evaluate-policy.ts';
import { buildContext, customerAccess, type ToolCall } from './runtime.ts';
import type { ActionFacts, BackendFactory, Evidence } from './tool.ts';

/** Thrown inside the transaction when policy needs a human; the request is created after the rollback. */
class NeedsApproval extends Error {
  constructor(readonly decision: PolicyDecision) {
    super(decision.explanation);
  }
}

export interface WriteOutcome {
  output: Record<string, unknown>;
  replayed: boolean;
  decision: PolicyDecision | undefined;
}

function shadowError(c: CallRecordContext, d: PolicyDecision): CommerceError {
  const proposal = { system: c.system, tool: c.tool, action: c.action, arguments: c.input, argsHash: c.argsHash, facts: c.facts };
  return new CommerceError(
    'POLICY_DENIED',
    `shadow mode: ${c.tool} was NOT executed; the policy only lets the agent propose ${c.action}. Proposal recorded for a person to carry out: ${c.tool} ${JSON.stringify(c.input)}`,
    { details: { decision: d, proposal } },
  );
}

/**
 * One write through the action layer, in one transaction:
 *   assess -> customer scope -> idempotency claim + velocity count (one statement) -> policy -> approval -> handler ->
 *   result + ledger (one statement).
 * A refused or failed call rolls back; its intent, decision, what its handler recorded (call-journal.ts) and error are
 * then ledgered in a transaction of their own. A retry whose assessment fails because the first call already changed
 * the state (e.g. the order is no longer "delivered") is answered from the key's committed result.
 */
export async function runWrite<Backend>(k: KitServices, call: ToolCall<Backend>, backend: BackendFactory<Backend>): Promise<WriteOutcome> {
  const started = performance.now();
  const action = call.tool.action ?? call.tool.name;
  const c: CallRecordContext = {
    callId: randomUUID(), system: call.system, tool: call.tool.name, action, principal: call.principal, input: call.input,
    argsHash: argumentsHash(call.system, call.tool.name, call.input), idempotencyKey: call.idempotencyKey, facts: {} as ActionFacts,
  };
  const key = call.idempotencyKey ? { scope: `${call.system}:${call.principal.id}`, key: call.idempotencyKey, argsHash: c.argsHash } : undefined;
  const evidence: Evidence[] = [];
  const journal: CallJournal = { callId: c.callId, system: c.system, tool: c.tool, principal: call.principal, metrics: k.metrics, records: [] };
  let decision: PolicyDecision | undefined;
  let admitted = false;
  let ended!: () => void;
  const held = new Promise<void>((resolve) => (ended = resolve)); // settles when the write's transaction has ended
  try {
    // An approval past its expiry is marked expired (and ledgered) before the call, which then refuses it clearly.
    if (call.approvalId) await k.approvals.expireIfDue(call.approvalId);
    return await withCallJournal(journal, () => k.db.transaction(async (tx) => {
      const at = k.now();
      const access = customerAccess(call.principal, k.bindings(tx));
      const ctx = buildContext(call, tx, backend, access, evidence, k.now);
      c.facts = call.tool.assess ? await call.tool.assess(call.input, ctx) : {};
      if (c.facts.customerId !== undefined) await access.assertCustomer(c.facts.customerId, `${call.tool.name}: not found`);
      const rule = effectiveRule(k.policy, action, call.principal.kind);
      const velocity = rule.velocity && c.facts.customerId !== undefined ? { customerId: c.facts.customerId, action, days: rule.velocity.days } : undefined;
      const admission = await admitWrite(tx, k.schema, k.idempotency, key, velocity, at);
      admitted = true;
      if (admission.claim.status === 'replay') return { output: admission.claim.result, replayed: true, decision: undefined };
      decision = evaluatePolicy(k.policy, action, c.facts, call.principal.kind, { now: at, recentCount: admission.earlier });
      if (decision.outcome === 'deny') throw new CommerceError('POLICY_DENIED', `${call.tool.name} is ${decision.explanation}`, { details: { decision } });
      if (decision.outcome === 'shadow') throw shadowError(c, decision);
      const approval = call.approvalId ? await k.approvals.use(tx, call.approvalId, { system: call.system, tool: call.tool.name, argsHash: c.argsHash, principal: call.principal }) : undefined;
      if (!approval && decision.outcome === 'approve') throw new NeedsApproval(decision);
      const output = await call.tool.handler(call.input, ctx);
      const records: LedgerRecord[] = [intentRecord(c), decisionRecord(c, decision)];
      if (approval) records.push(approvalUsedRecord(c, approval.id, approval.resolvedBy));
      records.push(...journal.records, resultRecord(c, output, evidence, performance.now() - started));
      // The ledger entries, the head and the idempotency result are written in one round trip.
      const alongside = key ? k.idempotency.completion(key.scope, key.key, output) : undefined;
      await k.ledger.append(tx, records, at, alongside, held);
      return { output, replayed: false, decision };
    }));
  } catch (thrown) {
    ended();
    // Assessed before its key was claimed: a retry of a call that committed is its replay, not a new refusal.
    let refusal: unknown = thrown;
    if (key && !admitted) {
      try {
        const committed = await k.idempotency.lookup(k.db, key.scope, key.key, key.argsHash);
        if (committed?.status === 'replay') return { output: committed.result, replayed: true, decision: undefined };
      } catch (conflict) {
        if (isCommerceError(conflict)) refusal = conflict; // the key was used for other arguments
        else k.logger.warn({ err: conflict, callId: c.callId }, 'could not look up the idempotency key of a refused call');
      }
    }
    const error = refusal instanceof NeedsApproval ? await requestApproval(k, c, refusal.decision) : refusal;
    const known = isCommerceError(error) ? error : new CommerceError('INTERNAL', 'internal error; the operator has the details', { cause: error });
    await recordFailure(k, c, decision, known, evidence, journal.records);
    throw error;
  } finally {
    ended();
  }
}

async function requestApproval(k: KitServices, c: CallRecordContext, decision: PolicyDecision): Promise<CommerceError> {
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
async function recordFailure(k: KitServices, c: CallRecordContext, decision: PolicyDecision | undefined, error: CommerceError, evidence: Evidence[], recorded: LedgerRecord[]): Promise<void> {
  const records = [intentRecord(c), ...(decision ? [decisionRecord(c, decision)] : []), ...recorded, errorRecord(c, error, evidence)];
  try {
    await k.db.transaction((tx) => k.ledger.append(tx, records, k.now()));
  } catch (ledgerError) {
    k.logger.error({ err: ledgerError, callId: c.callId, tool: c.tool }, 'could not record a refused call in the ledger');
  }
}
