import type { BaseMessage } from '@langchain/core/messages';
import { Annotation, messagesStateReducer } from '@langchain/langgraph';
import type { ToolCall } from '@langchain/core/messages/tool';
import type { ApprovalRequest } from './approvals/approval-request.ts';

export const AGENTS = ['supervisor', 'shopping', 'returns', 'delivery', 'human'] as const;
export type AgentName = (typeof AGENTS)[number];
export type Specialist = 'shopping' | 'returns' | 'delivery';
export const SPECIALISTS: readonly Specialist[] = ['shopping', 'returns', 'delivery'];

/** Write calls the graph holds back until the customer says yes. */
export interface PendingConfirmation {
  agent: Specialist;
  calls: ToolCall[];
  /** The exact statement shown to the customer. */
  statement: string;
}

/** Tool calls of the last model message that the tools node still has to run, in order. */
export interface ToolQueue {
  agent: Specialist;
  calls: ToolCall[];
  /** Tool call id -> operator approval to attach (and possibly edited arguments). */
  approvals: Record<string, { approvalId?: string; args?: Record<string, unknown>; edits?: number }>;
}

/** A server answered APPROVAL_REQUIRED: the graph pauses on this until an operator decides. */
export interface PendingApproval {
  request: ApprovalRequest;
  call: ToolCall;
}

export type HandoffStatus = 'none' | 'to_human';

const last = <T>(fallback: T) => Annotation<T>({ reducer: (_previous: T, next: T) => next, default: () => fallback });

/** The one declaration of the conversation state every node shares. */
export const ConversationState = Annotation.Root({
  messages: Annotation<BaseMessage[]>({ reducer: messagesStateReducer, default: () => [] }),
  activeAgent: last<AgentName>('supervisor'),
  pendingConfirmation: last<PendingConfirmation | null>(null),
  toolQueue: last<ToolQueue | null>(null),
  pendingApproval: last<PendingApproval | null>(null),
  /** Set only from authentication tool results, never from model output. */
  customerId: last<string | null>(null),
  conversationId: last<string>(''),
  handoff: last<HandoffStatus>('none'),
  /** Flags raised by the guardrails on the current human turn (e.g. "prompt_injection"). */
  inputFlags: last<string[]>([]),
});

export type State = typeof ConversationState.State;
export type StateUpdate = typeof ConversationState.Update;
