import { randomUUID } from 'node:crypto';
import { withCallJournal, type CallJournal } from './call-journal.ts';
import { approvalUsedRecord, decisionRecord, intentRecord, resultRecord, type CallRecordContext } from './call-records.ts';
import { argumentsHash } from './canonical-json.ts';
import { CommerceError, isCommerceError } from './errors.ts';
import { admitWrite, refusingAdmissionCtes } from './idempotency/admission.ts';
import { idempotencyScope, legacyIdempotencyScope } from './idempotency/idempotency-store.ts';
import type { KitServices } from './kit-services.ts';
import type { LedgerRecord } from './ledger/ledger-entry.ts';
import { effectiveRule, evaluatePolicy, type PolicyDecision } from './policy/evaluate-policy.ts';
import { buildContext, customerAccess, type ToolCall } from './runtime.ts';
import { refusalOf } from './write-refusal.ts';
import { connectionLost, lostConnectionError, recordFailure, requestApproval, shadowError, transientDatabaseError } from './write-failures.ts';
import { isTransactionalBackend, type ActionFacts, type BackendFactory, type Evidence } from './tool.ts';

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

/** The key was taken by a call that committed first (admission at commit): roll back, then replay or refuse. */
class KeyTaken extends Error {}
/** Admitted at commit, the call went over its velocity limit: roll back and run it again, admitted first. */
class OverVelocity extends Error {}
/** Admitted at commit, the call's guessed ledger head had moved: roll back and run it again on a locked head. */
class StaleHead extends Error {}

/** How a write is admitted: first (key and count before the handler), or at commit, on a guessed head or not. */
type Admission = { atCommit: false } | { atCommit: true; guess: boolean };

/**
 * One write through the action layer, in one transaction:
 *   assess -> customer scope -> idempotency claim + velocity count (one statement) -> policy -> approval -> handler ->
 *   result + ledger (one statement).
 * A write whose effects are all in the transaction (tool `effects: 'backend'` on a `transactionalBackend`) is admitted
 * at commit instead (docs/decisions/0701): assess -> scope -> policy (velocity not yet counted) -> handler -> one
 * statement that claims the key with the result, counts the velocity and appends the ledger. A duplicate then finds
 * the key taken and is rolled back whole and answered from the first call's result; a call over its velocity limit
 * is rolled back and run again the first way, so its decision counts it. Any outcome but `allow` is admitted first too.
 * A refused or failed call rolls back; its intent, decision, what its handler recorded (call-journal.ts) and error are
 * then ledgered in a transaction of their own. A retry whose assessment fails because the first call already changed
 * the state (e.g. the order is no longer "delivered") is answered from the key's committed result.
 */
export async function runWrite<Backend>(k: KitServices, call: ToolCall<Backend>, backend: BackendFactory<Backend>): Promise<WriteOutcome> {
  const atCommit = call.tool.effects === 'backend' && call.approvalId === undefined && isTransactionalBackend(backend);
  if (!atCommit) return write(k, call, backend, { atCommit: false });
  try {
    return await write(k, call, backend, { atCommit: true, guess: true });
  } catch (signal) {
    if (signal instanceof StaleHead) {
      k.metrics.admissions.inc({ at: 'commit', outcome: 'stale_head' });
      try {
        return await write(k, call, backend, { atCommit: true, guess: false });
      } catch (again) {
        if (!(again instanceof OverVelocity)) throw again;
      }
    } else if (!(signal instanceof OverVelocity)) throw signal;
    k.metrics.admissions.inc({ at: 'commit', outcome: 'over_velocity' });
    return write(k, call, backend, { atCommit: false });
  }
}

async function write<Backend>(k: KitServices, call: ToolCall<Backend>, backend: BackendFactory<Backend>, admission: Admission): Promise<WriteOutcome> {
  const { atCommit } = admission;
  const started = performance.now();
  const action = call.tool.action ?? call.tool.name;
  const c: CallRecordContext = {
    callId: randomUUID(), system: call.system, tool: call.tool.name, action, principal: call.principal, input: call.input,
    argsHash: argumentsHash(call.system, call.tool.name, call.input), idempotencyKey: call.idempotencyKey, facts: {} as ActionFacts,
  };
  const key = call.idempotencyKey ? { scope: idempotencyScope(call.system, call.principal), key: call.idempotencyKey, argsHash: c.argsHash } : undefined;
  // A retry of a call stored before keys were scoped by conversation (0705) replays it, for callers the old scope
  // identified alone; an agent's old scope was shared by its conversations, so its old keys are not honoured.
  if (key && k.legacyKeys.present && call.principal.kind !== 'agent') {
    const earlier = await k.idempotency.lookup(k.db, legacyIdempotencyScope(call.system, call.principal), key.key, key.argsHash);
    if (earlier?.status === 'replay') return { output: earlier.result, replayed: true, decision: undefined };
  }
  const evidence: Evidence[] = [];
  const journal: CallJournal = { callId: c.callId, system: c.system, tool: c.tool, principal: call.principal, metrics: k.metrics, records: [] };
  let decision: PolicyDecision | undefined;
  let admitted = false;
  let committing = false; // from here a lost connection leaves the outcome unknown
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
      const admitFirst = async (): Promise<WriteOutcome | undefined> => {
        const admission = await admitWrite(tx, k.schema, k.idempotency, key, velocity, at);
        admitted = true;
        k.metrics.admissions.inc({ at: 'start', outcome: admission.claim.status });
        if (admission.claim.status === 'replay') return { output: admission.claim.result, replayed: true, decision: undefined };
        decision = evaluatePolicy(k.policy, action, c.facts, call.principal.kind, { now: at, recentCount: admission.earlier });
        return undefined;
      };
      if (atCommit) decision = evaluatePolicy(k.policy, action, c.facts, call.principal.kind, { now: at });
      // Anything but an allowed call admitted at commit is admitted now, and decided with its velocity count.
      if (!atCommit || decision?.outcome !== 'allow') {
        const replay = await admitFirst();
        if (replay) return replay;
      }
      decision = decision!;
      if (decision.outcome === 'deny') throw new CommerceError('POLICY_DENIED', `${call.tool.name} is ${decision.explanation}`, { details: { decision } });
      if (decision.outcome === 'shadow') throw shadowError(c, decision);
      const approval = call.approvalId ? await k.approvals.use(tx, call.approvalId, { system: call.system, tool: call.tool.name, argsHash: c.argsHash, principal: call.principal, policyVersion: decision.policyVersion }) : undefined;
      if (!approval && decision.outcome === 'approve') throw new NeedsApproval(decision);
      const output = await call.tool.handler(call.input, ctx);
      const records: LedgerRecord[] = [intentRecord(c), decisionRecord(c, decision)];
      if (approval) records.push(approvalUsedRecord(c, approval.id, approval.resolvedBy));
      records.push(...journal.records, resultRecord(c, output, evidence, performance.now() - started));
      if (admitted) {
        // The ledger entries, the head and the idempotency result are written in one round trip.
        if (key) await k.ledger.appendWith(tx, records, at, k.idempotency.completion(key.scope, key.key, output), held);
        else await k.ledger.append(tx, records, at, held);
        committing = true; // the COMMIT follows when this function returns
        return { output, replayed: false, decision };
      }
      // Admitted at commit: the key (with the result), the velocity count and the ledger entries in one statement, sent
      // with the COMMIT; it raises a refusal (key taken, over the limit, head moved) so that the COMMIT rolls back.
      const counted = velocity && rule.velocity ? { ...velocity, max: rule.velocity.max } : undefined;
      const alongside = refusingAdmissionCtes(k.schema, key && { ...key, result: output }, counted, at);
      try {
        committing = true; // sent with its COMMIT
        await k.ledger.appendWith(tx, records, at, alongside, held, { final: true, guess: admission.atCommit && admission.guess });
      } catch (error) {
        const refusal = refusalOf(error);
        if (refusal === 'keyTaken') throw new KeyTaken();
        if (refusal === 'overVelocity') throw new OverVelocity();
        if (refusal === 'staleHead') throw new StaleHead();
        throw error;
      }
      admitted = true;
      k.metrics.admissions.inc({ at: 'commit', outcome: 'claimed' });
      return { output, replayed: false, decision };
    }));
  } catch (thrown) {
    ended();
    if (thrown instanceof OverVelocity || thrown instanceof StaleHead) throw thrown;
    // Assessed before its key was claimed: a retry of a call that committed is its replay, not a new refusal. With the
    // connection lost while committing, the write itself may have committed: then this is its result.
    const lost = connectionLost(thrown);
    let refusal: unknown = thrown;
    if (key && (!admitted || (lost && committing))) {
      try {
        const committed = await k.idempotency.lookup(k.db, key.scope, key.key, key.argsHash);
        if (committed?.status === 'replay') {
          if (thrown instanceof KeyTaken) k.metrics.admissions.inc({ at: 'commit', outcome: 'replay' });
          return { output: committed.result, replayed: true, decision: undefined };
        }
      } catch (conflict) {
        if (isCommerceError(conflict)) refusal = conflict; // the key was used for other arguments
        else k.logger.warn({ err: conflict, callId: c.callId }, 'could not look up the idempotency key of a refused call');
      }
    }
    if (refusal instanceof KeyTaken) {
      // Taken by a transaction that then did not commit it: nothing is stored for the key, so the caller may retry.
      refusal = new CommerceError('UNAVAILABLE', `idempotency key ${call.idempotencyKey} was held by a concurrent call; retry with the same key`);
    }
    if (refusal !== thrown && thrown instanceof KeyTaken) decision = undefined; // refused on its key, before any decision
    const error = refusal instanceof NeedsApproval ? await requestApproval(k, c, refusal.decision) : refusal;
    const transient = isCommerceError(error) ? undefined : transientDatabaseError(error) ?? (lost ? lostConnectionError(committing ? 'commit' : 'write', key !== undefined, error) : undefined);
    const known = isCommerceError(error) ? error : transient ?? new CommerceError('INTERNAL', 'internal error; the operator has the details', { cause: error });
    if (lost && committing) {
      // It may have committed with its result entry: an error entry beside it would contradict the ledger.
      k.logger.warn({ err: error, callId: c.callId }, 'connection lost while a write was committing; its outcome is unknown until it is retried');
    } else {
      await recordFailure(k, c, decision, known, evidence, journal.records).catch((failure: unknown) =>
        k.logger.error({ err: failure, callId: c.callId, code: known.code }, 'could not ledger a failed write call (the call itself changed nothing)'));
    }
    throw transient ?? error;
  } finally {
    ended();
  }
}
