import { randomUUID } from 'node:crypto';
import { withCallJournal, type CallJournal } from './call-journal.ts';
import { approvalUsedRecord, decisionRecord, errorRecord, intentRecord, resultRecord, type CallRecordContext } from './call-records.ts';
import { argumentsHash } from './canonical-json.ts';
import type { Queryable } from './db/database.ts';
import { CommerceError, isCommerceError } from './errors.ts';
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

/**
 * Counts this execution in today's bucket and returns how many came before it in the rule's period (UTC days,
 * today included). The upsert waits on today's row lock, so concurrent calls for one customer count exactly;
 * earlier days no longer change. Rolled back with the call when it is refused.
 */
async function recentCount(tx: Queryable, k: KitServices, customerId: string, action: string, days: number, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const first = new Date(now.getTime() - (Math.ceil(days) - 1) * 86_400_000).toISOString().slice(0, 10);
  const [row] = await tx.query<{ total: number }>(
    `WITH bumped AS (
       INSERT INTO ${k.schema}.velocity_counts AS v (customer_id, action, day, n) VALUES ($1, $2, $3, 1)
       ON CONFLICT (customer_id, action, day) DO UPDATE SET n = v.n + 1 RETURNING n)
     SELECT (SELECT n FROM bumped) + COALESCE((SELECT sum(n) FROM ${k.schema}.velocity_counts
       WHERE customer_id = $1 AND action = $2 AND day >= $4 AND day < $3), 0) AS total`,
    [customerId, action, today, first],
  );
  return (row?.total ?? 1) - 1;
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
 *   idempotency claim -> assess -> customer scope -> policy (+ velocity) -> approval -> handler -> result + ledger.
 * A refused or failed call rolls back; its intent, decision, what its handler recorded (call-journal.ts) and error are
 * then ledgered in a transaction of their own.
 */
export async function runWrite<Backend>(k: KitServices, call: ToolCall<Backend>, backend: BackendFactory<Backend>): Promise<WriteOutcome> {
  const started = performance.now();
  const action = call.tool.action ?? call.tool.name;
  const c: CallRecordContext = {
    callId: randomUUID(), system: call.system, tool: call.tool.name, action, principal: call.principal, input: call.input,
    argsHash: argumentsHash(call.system, call.tool.name, call.input), idempotencyKey: call.idempotencyKey, facts: {} as ActionFacts,
  };
  const evidence: Evidence[] = [];
  const journal: CallJournal = { callId: c.callId, system: c.system, tool: c.tool, principal: call.principal, metrics: k.metrics, records: [] };
  let decision: PolicyDecision | undefined;
  let ended!: () => void;
  const held = new Promise<void>((resolve) => (ended = resolve)); // settles when the write's transaction has ended
  try {
    // An approval past its expiry is marked expired (and ledgered) before the call, which then refuses it clearly.
    if (call.approvalId) await k.approvals.expireIfDue(call.approvalId);
    return await withCallJournal(journal, () => k.db.transaction(async (tx) => {
      const at = k.now();
      const scope = `${call.system}:${call.principal.id}`;
      if (call.idempotencyKey) {
        const claim = await k.idempotency.claim(tx, scope, call.idempotencyKey, c.argsHash, at.toISOString());
        if (claim.status === 'replay') return { output: claim.result, replayed: true, decision: undefined };
      }
      const access = customerAccess(call.principal, k.bindings(tx));
      const ctx = buildContext(call, tx, backend, access, evidence, k.now);
      c.facts = call.tool.assess ? await call.tool.assess(call.input, ctx) : {};
      if (c.facts.customerId !== undefined) await access.assertCustomer(c.facts.customerId, `${call.tool.name}: not found`);
      const rule = effectiveRule(k.policy, action, call.principal.kind);
      const count = rule.velocity && c.facts.customerId !== undefined ? await recentCount(tx, k, c.facts.customerId, action, rule.velocity.days, at) : undefined;
      decision = evaluatePolicy(k.policy, action, c.facts, call.principal.kind, { now: at, recentCount: count });
      if (decision.outcome === 'deny') throw new CommerceError('POLICY_DENIED', `${call.tool.name} is ${decision.explanation}`, { details: { decision } });
      if (decision.outcome === 'shadow') throw shadowError(c, decision);
      const approval = call.approvalId ? await k.approvals.use(tx, call.approvalId, { system: call.system, tool: call.tool.name, argsHash: c.argsHash, principal: call.principal }) : undefined;
      if (!approval && decision.outcome === 'approve') throw new NeedsApproval(decision);
      const output = await call.tool.handler(call.input, ctx);
      const records: LedgerRecord[] = [intentRecord(c), decisionRecord(c, decision)];
      if (approval) records.push(approvalUsedRecord(c, approval.id, approval.resolvedBy));
      records.push(...journal.records, resultRecord(c, output, evidence, performance.now() - started));
      // The ledger entries, the head and the idempotency result are written in one round trip.
      const alongside = call.idempotencyKey ? k.idempotency.completion(scope, call.idempotencyKey, output) : undefined;
      await k.ledger.append(tx, records, at, alongside, held);
      return { output, replayed: false, decision };
    }));
  } catch (thrown) {
    ended();
    const error = thrown instanceof NeedsApproval ? await requestApproval(k, c, thrown.decision) : thrown;
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
