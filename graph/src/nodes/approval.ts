import { ToolMessage } from '@langchain/core/messages';
import { interrupt } from '@langchain/langgraph';
import { approvalDecisionSchema, type ApprovalDecision, type ApprovalRequest } from '../approvals/approval-request.ts';
import type { State, StateUpdate } from '../state.ts';

export function rejectedText(request: ApprovalRequest, note: string | undefined, expired = false): string {
  if (expired) return `NOT APPROVED: no operator decided on ${request.tool} before its approval expired${note ? ` (${note})` : ''}; nothing was done`;
  return `REJECTED: an operator declined ${request.tool}${note ? ` (${note})` : ''}; nothing was done`;
}

/**
 * Pauses the run with the typed approval request (`interrupt`), then applies the operator's decision to the one
 * call that needed it. The other queued calls are untouched; calls that already ran are never re-run.
 */
export function approvalNode(state: State): StateUpdate {
  const pending = state.pendingApproval;
  const queue = state.toolQueue;
  if (!pending || !queue) return { pendingApproval: null };
  const raw = interrupt<ApprovalRequest, unknown>(pending.request);
  const parsed = approvalDecisionSchema.safeParse(raw);
  if (!parsed.success) {
    // A malformed resume must not decide anything: ask again with the same request.
    throw new Error(
      `invalid approval decision ${JSON.stringify(raw)}: expected { decision: "approve" } | { decision: "reject", note? } | { decision: "edit", arguments }`,
    );
  }
  const decision: ApprovalDecision = parsed.data;
  const callId = pending.request.toolCallId;
  if (decision.decision === 'reject') {
    const message = new ToolMessage({ content: rejectedText(pending.request, decision.note, decision.expired), tool_call_id: callId, name: pending.call.name, status: 'error' });
    const rest = queue.calls.filter((c) => c.id !== callId);
    return { messages: [message], pendingApproval: null, toolQueue: rest.length > 0 ? { ...queue, calls: rest } : null };
  }
  const previous = queue.approvals[callId];
  const approval =
    decision.decision === 'approve'
      ? { approvalId: pending.request.approvalId, args: pending.request.arguments, edits: previous?.edits ?? 0 }
      : // The operator approved edited arguments under the same approval: the retry carries exactly those.
        { approvalId: pending.request.approvalId, args: decision.arguments, edits: (previous?.edits ?? 0) + 1 };
  return { pendingApproval: null, toolQueue: { ...queue, approvals: { ...queue.approvals, [callId]: approval } } };
}

export function afterApproval(state: State): 'tools' | 'shopping' | 'returns' | 'delivery' {
  if (state.toolQueue) return 'tools';
  const agent = state.activeAgent;
  return agent === 'shopping' || agent === 'returns' || agent === 'delivery' ? agent : 'returns';
}
