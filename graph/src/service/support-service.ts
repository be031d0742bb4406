import type { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { HumanMessage } from '@langchain/core/messages';
import { Command } from '@langchain/langgraph';
import { CommerceError, type Principal } from '@agentic-commerce/kit';
import { randomUUID } from 'node:crypto';
import { approvalDecisionSchema, type ApprovalDecision, type ApprovalRequest } from '../approvals/approval-request.ts';
import type { CompiledSupportGraph } from '../build-graph.ts';
import { redactedTranscript, type TranscriptLine } from '../guardrails/pii-redaction.ts';
import type { State } from '../state.ts';
import { memoryConversationStore, type ConversationStore } from './conversation-store.ts';
import { conversationLocks, type ConversationLocks } from './conversation-lock.ts';
import { kitDecision, type KitApproval, type KitDecision } from './kit-decision.ts';
import { eventsFromMessages, type TurnEvent } from './turn-events.ts';

/** The kit's approvals API, as far as the service needs it (the in-process kit runtime's `approvals` fits). */
export interface ApprovalDesk {
  get(id: string): Promise<KitApproval | undefined>;
  list(filter?: { status?: 'pending' | 'approved' | 'rejected' | 'used'; conversationId?: string; limit?: number }): Promise<unknown[]>;
  approve(id: string, operator: Principal, options?: { note?: string; arguments?: Record<string, unknown> }): Promise<unknown>;
  reject(id: string, operator: Principal, options?: { note?: string }): Promise<unknown>;
}

export interface SupportServiceOptions {
  graph: CompiledSupportGraph;
  approvals?: ApprovalDesk | undefined;
  /** The kit ledger entries of one conversation. */
  ledger?: ((conversationId: string) => Promise<unknown[]>) | undefined;
  /** Steps one turn may take (LangGraph recursion limit). */
  recursionLimit?: number;
  /**
   * Where conversation records (id, signed-in customer, opener, creation time) are kept. Default: in memory, so they
   * are gone after a restart; pass `openSqlConversationStore(db)` to keep them in the service's database.
   */
  conversations?: ConversationStore | undefined;
  /** LangChain callback handlers for every run, e.g. a UsageMeter summing the model's reported tokens. */
  callbacks?: BaseCallbackHandler[] | undefined;
  /**
   * How one conversation's turns are kept apart. Default: within this process (conversationLocks); where several
   * processes serve the same conversations on PostgreSQL, postgresConversationLocks(a pool of its own).
   */
  locks?: ConversationLocks | undefined;
}

export interface TurnOutcome {
  conversationId: string;
  events: TurnEvent[];
  /** The text the customer sees for this turn. */
  reply: string;
  awaiting: 'customer' | 'confirmation' | 'approval' | 'human';
  approval?: ApprovalRequest | undefined;
  /** For the operator: the kit had already settled the approval (expired, or resolved elsewhere), so the run resumed with that. */
  notice?: string | undefined;
}

export class ConversationNotFound extends Error {}

/** Conversations on top of the compiled graph: turns with events, approvals, transcripts and the ledger. */
export function createSupportService(options: SupportServiceOptions) {
  const { graph } = options;
  const conversations = options.conversations ?? memoryConversationStore();
  const exclusive = options.locks ?? conversationLocks();
  const configOf = async (conversationId: string) => {
    const conversation = await conversations.get(conversationId);
    return {
      configurable: { thread_id: conversationId, ...(conversation?.customerId ? { customer_id: conversation.customerId } : {}) },
      recursionLimit: options.recursionLimit ?? 60,
      ...(options.callbacks ? { callbacks: options.callbacks } : {}),
    };
  };

  const waitingOn = (snapshot: Awaited<ReturnType<CompiledSupportGraph['getState']>>) =>
    snapshot.tasks.flatMap((t) => t.interrupts).map((i) => i.value as ApprovalRequest)[0];
  /** The kit's decision on an approval the graph waits on, when the kit has settled it (expired or resolved elsewhere). */
  const settledByKit = async (approvalId: string): Promise<KitDecision | undefined> =>
    options.approvals ? kitDecision(await options.approvals.get(approvalId)) : undefined;

  async function exists(conversationId: string): Promise<boolean> {
    if ((await conversations.get(conversationId)) !== undefined) return true;
    const snapshot = await graph.getState({ configurable: { thread_id: conversationId } });
    return snapshot.values !== undefined && Array.isArray((snapshot.values as State).messages) && (snapshot.values as State).messages.length > 0;
  }

  /**
   * Runs (or with input undefined, only summarises) a turn; `replayed` are events of an already finished turn.
   * `resuming`: the run was paused on an approval before this turn (a customer turn never starts on a paused run).
   */
  async function run(conversationId: string, input: unknown, onEvent?: (e: TurnEvent) => void, replayed: TurnEvent[] = [], resuming = false, signal?: AbortSignal): Promise<TurnOutcome> {
    const events: TurnEvent[] = [];
    const emit = (e: TurnEvent) => {
      events.push(e);
      onEvent?.(e);
    };
    for (const e of replayed) emit(e);
    const stream: AsyncIterable<Record<string, unknown>> =
      input === undefined ? (async function* () {})() : ((await graph.stream(input as never, { ...(await configOf(conversationId)), streamMode: 'updates', ...(signal ? { signal } : {}) })) as AsyncIterable<Record<string, unknown>>);
    for await (const chunk of stream) {
      for (const [node, update] of Object.entries(chunk)) {
        if (node === '__interrupt__') continue;
        const messages = (update as Partial<State> | undefined)?.messages;
        if (Array.isArray(messages)) for (const e of eventsFromMessages(node, messages)) emit(e);
      }
    }
    const snapshot = await graph.getState(await configOf(conversationId));
    const state = snapshot.values as State;
    const approval = snapshot.tasks.flatMap((t) => t.interrupts).map((i) => i.value as ApprovalRequest)[0];
    if (approval) emit({ type: 'approval_required', request: approval });
    if (state.handoff === 'to_human') emit({ type: 'handoff', to: 'human' });
    const reply = events
      .filter((e): e is Extract<TurnEvent, { type: 'message' | 'confirmation_required' }> => e.type === 'message' || e.type === 'confirmation_required')
      .map((e) => (e.type === 'message' ? e.text : e.statement))
      .join('\n');
    // Noted only when it can have changed: the run paused now, or a paused run was resumed (no write on other turns).
    if (approval || resuming) await conversations.setAwaiting(conversationId, approval?.approvalId);
    const awaiting = approval ? 'approval' : state.pendingConfirmation ? 'confirmation' : state.handoff === 'to_human' ? 'human' : 'customer';
    return { conversationId, events, reply, awaiting, approval };
  }

  async function sendMessage(conversationId: string, text: string, onEvent?: (e: TurnEvent) => void, options: { messageId?: string } = {}, signal?: AbortSignal): Promise<TurnOutcome> {
    if (!(await exists(conversationId))) throw new ConversationNotFound(`conversation ${conversationId} does not exist; create one with POST /conversations`);
    const trimmed = text.trim();
    if (trimmed.length === 0 || trimmed.length > 4000) throw new RangeError('a message must have 1 to 4000 characters');
    const snapshot = await graph.getState(await configOf(conversationId));
    const seen = options.messageId === undefined ? undefined : ((snapshot.values as State).messages ?? []).find((m) => m.id === options.messageId);
    if (seen) {
      if (seen.content !== trimmed) {
        throw new CommerceError('CONFLICT', `this message id was already sent in conversation ${conversationId} with other text; use a new message id for a new message`);
      }
      // Its turn is the messages after it up to the next customer message; only the latest turn can still be unfinished.
      const messages = (snapshot.values as State).messages;
      const at = messages.indexOf(seen);
      const next = messages.findIndex((m, i) => i > at && HumanMessage.isInstance(m));
      if (next === -1 && snapshot.next.length > 0 && !snapshot.tasks.some((t) => t.interrupts.length > 0)) return run(conversationId, null, onEvent, [], false, signal);
      return run(conversationId, undefined, onEvent, eventsFromMessages('replay', messages.slice(at + 1, next === -1 ? undefined : next)), false, signal);
    }
    const message = { messages: [new HumanMessage({ content: trimmed, ...(options.messageId ? { id: options.messageId } : {}) })] };
    const waiting = waitingOn(snapshot);
    if (!waiting) return run(conversationId, message, onEvent, [], false, signal);
    const settled = await settledByKit(waiting.approvalId);
    const waitsFor = (id: string) =>
      new CommerceError('FAILED_PRECONDITION', `conversation ${conversationId} is waiting for an operator's decision on approval ${id}; the customer can write again once an operator approves or rejects it (POST /approvals/${id}) or it expires`);
    if (!settled) throw waitsFor(waiting.approvalId);
    // The approval expired or was resolved elsewhere: resume with the kit's decision first (the agent tells the customer).
    const resumed = await run(conversationId, new Command({ resume: settled.decision }), undefined, [], true, signal);
    if (resumed.approval) throw waitsFor(resumed.approval.approvalId);
    return run(conversationId, message, onEvent, resumed.events, false, signal);
  }
/** The operator's decision: recorded with the kit (binding in the servers), then the paused run resumes. */
  async function resolveApproval(conversationId: string, approvalId: string, operator: Principal, raw: unknown, onEvent?: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnOutcome> {
    const decision: ApprovalDecision = approvalDecisionSchema.parse(raw);
    const snapshot = await graph.getState(await configOf(conversationId));
    const waiting = waitingOn(snapshot);
    if (!waiting || waiting.approvalId !== approvalId) {
      throw new ConversationNotFound(`conversation ${conversationId} is not waiting for approval ${approvalId}${waiting ? ` (it waits for ${waiting.approvalId})` : ''}`);
    }
    let resume: ApprovalDecision = decision;
    let notice: string | undefined;
    if (options.approvals) {
      const note = decision.note !== undefined ? { note: decision.note } : {};
      try {
        if (decision.decision === 'reject') await options.approvals.reject(approvalId, operator, note);
        else await options.approvals.approve(approvalId, operator, { ...note, ...(decision.decision === 'edit' ? { arguments: decision.arguments } : {}) });
      } catch (error) {
        // Expired, or resolved elsewhere first (e.g. the approvals CLI): the kit's decision stands and the run resumes with it.
        const settled = await settledByKit(approvalId);
        if (!settled) throw error;
        ({ decision: resume, notice } = settled);
      }
    }
    const outcome = await run(conversationId, new Command({ resume }), onEvent, [], true, signal);
    return notice ? { ...outcome, notice } : outcome;
  }

  return {
    graph,
    /** Who may use a conversation: its signed-in customer, if any. */
    customerOf: async (conversationId: string): Promise<string | undefined> => (await conversations.get(conversationId))?.customerId,
    async startConversation(input: { customerId?: string | undefined; conversationId?: string | undefined; principalKind?: Principal['kind'] | undefined } = {}): Promise<{ conversationId: string }> {
      const conversationId = input.conversationId ?? `conv_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
      const stored = await conversations.save({ id: conversationId, customerId: input.customerId, principalKind: input.principalKind, createdAt: new Date().toISOString() });
      if (stored.customerId !== input.customerId) {
        throw new CommerceError('FAILED_PRECONDITION', `conversation ${conversationId} already exists ${stored.customerId ? 'for another customer' : 'without a signed-in customer'}; a conversation's customer is never changed`);
      }
      return { conversationId };
    },
    exists,
    /**
     * Runs one customer turn (one at a time per conversation in this process). With `messageId` the call is
     * idempotent: when that message is already in the conversation (a retried job), an unfinished turn continues from
     * its last checkpoint and a finished one is not run again; either way no tool call is repeated.
     */
    sendMessage: (conversationId: string, text: string, onEvent?: (e: TurnEvent) => void, options: { messageId?: string } = {}): Promise<TurnOutcome> =>
      exclusive(conversationId, (signal) => sendMessage(conversationId, text, onEvent, options, signal)),
    /** The operator's decision (one turn at a time per conversation): recorded with the kit, then the paused run resumes. */
    resolveApproval: (conversationId: string, approvalId: string, operator: Principal, raw: unknown, onEvent?: (e: TurnEvent) => void): Promise<TurnOutcome> =>
      exclusive(conversationId, (signal) => resolveApproval(conversationId, approvalId, operator, raw, onEvent, signal)),
    /**
     * What operators must decide: the conversations paused on an approval (noted after every turn), oldest first.
     * Approvals the kit has settled (expired, or resolved elsewhere) are left out: their conversation resumes with the
     * kit's decision on the customer's next message or an operator's POST /approvals/{id}.
     */
    async pendingApprovals(): Promise<ApprovalRequest[]> {
      const pending: ApprovalRequest[] = [];
      for (const { id: conversationId, approvalId } of await conversations.awaiting()) {
        const snapshot = await graph.getState(await configOf(conversationId));
        const requests = snapshot.tasks.flatMap((t) => t.interrupts).map((i) => ({ ...(i.value as ApprovalRequest), conversationId }));
        for (const request of requests) if (!(await settledByKit(request.approvalId))) pending.push(request);
        // Correct the note when it was not known (records from before it was kept) or is stale.
        if (approvalId === undefined || requests[0]?.approvalId !== approvalId) await conversations.setAwaiting(conversationId, requests[0]?.approvalId);
      }
      return pending;
    },
    async transcript(conversationId: string): Promise<TranscriptLine[]> {
      if (!(await exists(conversationId))) throw new ConversationNotFound(`conversation ${conversationId} does not exist`);
      const snapshot = await graph.getState(await configOf(conversationId));
      return redactedTranscript((snapshot.values as State).messages ?? []);
    },
    /**
     * The kit ledger entries of a conversation. An unknown conversation is ConversationNotFound (as for the
     * transcript); a service started without a ledger reader answers UNAVAILABLE, saying so.
     */
    async ledger(conversationId: string): Promise<unknown[]> {
      if (!(await exists(conversationId))) throw new ConversationNotFound(`conversation ${conversationId} does not exist`);
      if (!options.ledger) throw new CommerceError('UNAVAILABLE', 'this service has no ledger reader configured (createSupportService({ ledger })), so conversation ledgers cannot be read here', { details: { reason: 'ledger_not_configured' } });
      return options.ledger(conversationId);
    },
  };
}

export type SupportService = ReturnType<typeof createSupportService>;
