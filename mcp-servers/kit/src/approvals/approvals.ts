import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Database, Queryable } from '../db/database.ts';
import { argumentsHash } from '../canonical-json.ts';
import { CommerceError, notFound } from '../errors.ts';
import { hasScope, principalSchema, type Principal } from '../principal.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { LedgerRecord } from '../ledger/ledger-entry.ts';
import { redact } from '../ledger/redact.ts';
import { isExpired, type ApprovalRequest, type ApprovalStatus } from './approval.ts';
import { approvalStore } from './approval-store.ts';
import { parseEditedArguments, toolInputs } from './edited-arguments.ts';

export interface ApprovalsOptions {
  db: Database;
  schema: string;
  ledger: Ledger;
  now: () => Date;
  /** Called on every state change (metrics). */
  onChange?: (status: ApprovalStatus | 'requested') => void;
}

export interface NewApproval extends Omit<ApprovalRequest, 'id' | 'status' | 'createdAt' | 'expiresAt' | 'edited'> {
  ttlMinutes: number;
}

export const APPROVE_SCOPE = 'approvals:resolve';

function ledgerRecord(kind: LedgerRecord['kind'], a: ApprovalRequest, by: Principal | undefined, data: Record<string, unknown>): LedgerRecord {
  return {
    kind, callId: `approval:${a.id}`, system: a.system, tool: a.tool, action: a.action,
    principal: by ? { kind: by.kind, id: by.id } : { kind: a.principalKind, id: a.principalId },
    conversationId: a.conversationId, customerId: a.customerId, orderId: a.orderId,
    data: { approvalId: a.id, argsHash: a.argsHash, policyVersion: a.policyVersion, ...data },
  };
}

/** The approvals API the runtime, the graph's HTTP API and the `approvals` CLI share. */
export function createApprovals(options: ApprovalsOptions) {
  const { db, ledger, now } = options;
  const store = approvalStore(options.schema);
  const changed = (s: ApprovalStatus | 'requested') => options.onChange?.(s);
  const inputs = toolInputs();

  function assertResolver(operator: Principal): void {
    const parsed = principalSchema.safeParse(operator);
    if (!parsed.success || operator.id.trim() === '') {
      const problems = parsed.success ? ['id: blank'] : parsed.error.issues.map((i) => `${i.path.join('.') || '(principal)'}: ${i.message}`);
      throw new CommerceError('INVALID_ARGUMENT', `approvals are resolved by a named operator (an id like "op:alice"); this resolver is not valid: ${problems.join('; ')}`);
    }
    if (!(operator.kind === 'operator' || operator.kind === 'admin') || !hasScope(operator, APPROVE_SCOPE)) {
      throw new CommerceError('FORBIDDEN', `principal ${operator.id} (${operator.kind}) may not resolve approvals: it needs kind operator or admin and the "${APPROVE_SCOPE}" scope`);
    }
  }

  /** Marks due requests (all, or the one `id`) expired, each with an `approval_expired` ledger entry, in one transaction. */
  async function expire(id?: string): Promise<ApprovalRequest[]> {
    const at = now();
    const expired = await db.transaction(async (tx) => {
      const rows = await store.expire(tx, at.toISOString(), id);
      if (rows.length > 0) {
        await ledger.append(tx, rows.map(({ approval, was }) => ledgerRecord('approval_expired', approval, undefined, { was, expiresAt: approval.expiresAt })), at);
      }
      return rows.map((r) => r.approval);
    });
    for (const _ of expired) changed('expired');
    return expired;
  }

  async function resolve(id: string, operator: Principal, to: 'approved' | 'rejected', note: string | undefined, edited?: Record<string, unknown>) {
    assertResolver(operator);
    await expire(id);
    return db.transaction(async (tx) => {
      const current = await store.get(tx, id, true);
      if (!current) throw notFound(`approval ${id} does not exist`);
      if (current.status === 'expired' || (current.status === 'pending' && isExpired(current, now()))) {
        throw new CommerceError('FAILED_PRECONDITION', `approval ${id} expired at ${current.expiresAt}; the agent must ask again`);
      }
      if (current.status !== 'pending') throw new CommerceError('CONFLICT', `approval ${id} is already ${current.status}${current.resolvedBy ? ` (by ${current.resolvedBy})` : ''}`);
      if (current.principalId === operator.id) throw new CommerceError('FORBIDDEN', `approval ${id} was requested by ${operator.id}, who cannot approve their own request`);
      const args = edited ? parseEditedArguments(inputs.get(current.system, current.tool), current, edited) : undefined;
      const edit = args ? { arguments: args, argsHash: argumentsHash(current.system, current.tool, args) } : undefined;
      const at = now();
      const done = await store.resolve(tx, id, to, operator.id, at.toISOString(), note, edit);
      if (!done) throw new CommerceError('CONFLICT', `approval ${id} was resolved concurrently by someone else`);
      const data = { note, ...(edit ? { edited: true, arguments: redact(edit.arguments) } : {}) };
      await ledger.append(tx, [ledgerRecord(to === 'approved' ? 'approval_approved' : 'approval_rejected', done, operator, data)], at);
      changed(to);
      return done;
    });
  }

  return {
    /** Registers a write tool's input schema (registerTools does), so an edit of its arguments can be checked. */
    registerInput: (system: string, tool: string, input: z.ZodRawShape): void => inputs.register(system, tool, input),
    /** Creates a pending request (the runtime does this when policy says `approve`). */
    async request(q: Queryable, input: NewApproval): Promise<ApprovalRequest> {
      const { ttlMinutes, ...rest } = input;
      const at = now();
      // A retry of a call still waiting for its operator gets the same request, not a second one in the queue. The
      // lock (held to the end of the caller's transaction) makes concurrent identical calls wait for the first to
      // commit, so the next one's lookup finds its request instead of inserting another.
      const identity = JSON.stringify([rest.system, rest.tool, rest.argsHash, rest.principalKind, rest.principalId, rest.conversationId ?? null, rest.policyVersion]);
      await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`approval-request:${identity}`]);
      const waiting = await store.findPending(q, rest, at.toISOString());
      if (waiting) return waiting;
      const approval: ApprovalRequest = {
        ...rest, id: `apr_${randomUUID().replace(/-/g, '').slice(0, 20)}`, status: 'pending', edited: false,
        createdAt: at.toISOString(), expiresAt: new Date(at.getTime() + ttlMinutes * 60_000).toISOString(),
      };
      await store.insert(q, approval);
      await ledger.append(q, [ledgerRecord('approval_requested', approval, undefined, { reason: approval.reason, amount: approval.amount, expiresAt: approval.expiresAt })], at);
      changed('requested');
      return approval;
    },
    /** One request; if it is past its expiry it is marked expired first. */
    async get(id: string): Promise<ApprovalRequest | undefined> {
      await expire(id);
      return store.get(db, id);
    },
    /** Newest first; every request past its expiry is marked expired first. */
    async list(filter: { status?: ApprovalStatus; conversationId?: string; limit?: number } = {}): Promise<ApprovalRequest[]> {
      await expire();
      return store.list(db, filter);
    },
    /**
     * The sweep (`pnpm approvals expire`, also run by `list`): marks every pending or approved request past its
     * expiry `expired`, recording each in the ledger. Returns those it marked.
     */
    expire: () => expire(),
    /** Marks this one request expired if it is due (the runtime does this before a call that carries it). */
    expireIfDue: async (id: string): Promise<boolean> => (await expire(id)).length > 0,
    countPending: () => store.countPending(db, now().toISOString()),
    /** Requests by status; pending or approved ones past their expiry count as expired even before a sweep. */
    countByStatus: () => store.countByStatus(db, now().toISOString()),
    /**
     * An operator approves. With `arguments`, the operator approves an edited call: they must fit the tool's input
     * (registered with `registerInput`; else edits are refused), and the retry must carry exactly those.
     */
    approve: (id: string, operator: Principal, options: { note?: string; arguments?: Record<string, unknown> } = {}) =>
      resolve(id, operator, 'approved', options.note, options.arguments),
    reject: (id: string, operator: Principal, options: { note?: string } = {}) => resolve(id, operator, 'rejected', options.note),
    /**
     * Inside the write's transaction: checks the approval matches this exact call under the policy version deciding it
     * now, and marks it used (single-use). Throws a clear error, changing nothing, when it does not; an approval
     * granted under another policy version stays `approved` but can no longer be used (it expires in time).
     */
    async use(tx: Queryable, id: string, call: { system: string; tool: string; argsHash: string; principal: Principal; policyVersion: string }): Promise<ApprovalRequest> {
      const a = await store.get(tx, id, true);
      if (!a) throw notFound(`approval ${id} does not exist`);
      if (a.principalId !== call.principal.id) throw new CommerceError('FORBIDDEN', `approval ${id} was requested by another principal; only ${a.principalId} may use it`);
      if (a.system !== call.system || a.tool !== call.tool) throw new CommerceError('FORBIDDEN', `approval ${id} is for ${a.system}.${a.tool}, not ${call.system}.${call.tool}`);
      if (a.status === 'used') throw new CommerceError('CONFLICT', `approval ${id} was already used at ${a.usedAt}; approvals are single-use, request a new one`);
      if (a.status === 'rejected') throw new CommerceError('POLICY_DENIED', `approval ${id} was rejected by ${a.resolvedBy}${a.note ? `: ${a.note}` : ''}`, { details: { approval: a } });
      if (isExpired(a, now())) throw new CommerceError('FAILED_PRECONDITION', `approval ${id} expired at ${a.expiresAt}; call again without approval_id to request a new one`);
      if (a.policyVersion !== call.policyVersion) {
        // A pending one was never granted: it says so, and that approving it now would not help.
        const was = a.status === 'pending'
          ? `is still pending, and was requested under policy ${a.policyVersion}, so it could not be used even once approved`
          : `was granted under policy ${a.policyVersion}`;
        throw new CommerceError('FAILED_PRECONDITION', `approval ${id} ${was}; the policy is now ${call.policyVersion}: call again without approval_id to ask for a new approval`, {
          details: { approvalPolicyVersion: a.policyVersion, policyVersion: call.policyVersion, status: a.status },
        });
      }
      if (a.status === 'pending') throw new CommerceError('APPROVAL_REQUIRED', `approval ${id} is still pending: an operator must approve it first`, { details: { approval: a } });
      if (a.argsHash !== call.argsHash) {
        throw new CommerceError('FORBIDDEN', `approval ${id} was granted for other arguments (sha256 ${a.argsHash.slice(0, 12)}…, these are ${call.argsHash.slice(0, 12)}…); any change to the arguments needs a new approval: call again without approval_id`, {
          details: { approvedArguments: a.arguments, approvedArgsHash: a.argsHash, argsHash: call.argsHash },
        });
      }
      if (!(await store.markUsed(tx, id, now().toISOString()))) throw new CommerceError('CONFLICT', `approval ${id} was used concurrently by another call`);
      changed('used');
      return a;
    },
  };
}
export type Approvals = ReturnType<typeof createApprovals>;
