import { ToolMessage } from '@langchain/core/messages';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { approvalRequestFrom } from '../approvals/approval-request.ts';
import { idempotencyKeyFor } from '../approvals/canonical-hash.ts';
import { knownItems } from '../confirmation/known-items.ts';
import { knownQuotes } from '../confirmation/known-quotes.ts';
import { renderAction } from '../confirmation/render-action.ts';
import { sanitizeToolOutput } from '../guardrails/tool-output-sanitizer.ts';
import type { ToolOutcome } from '../mcp/tool-outcome.ts';
import { IDENTIFYING_TOOLS, SPECIALIST_TOOLS } from '../roles.ts';
import type { State, StateUpdate } from '../state.ts';
import type { GraphDependencies } from './graph-dependencies.ts';
import { runIdentity } from './run-identity.ts';

const USER_ID = /^[a-z]+(?:_[a-z]+)*_\d+$/;

/** The customer an identifying tool resolved: from its structured result, or its plain-text user id. */
export function identifiedCustomer(outcome: ToolOutcome): string | undefined {
  if (!outcome.ok) return undefined;
  const data = outcome.data ?? {};
  for (const key of ['user_id', 'userId', 'customer_id', 'customerId', 'result']) {
    const value = data[key];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  const text = outcome.text.trim().replace(/^"|"$/g, '');
  return USER_ID.test(text) ? text : undefined;
}

/**
 * Runs the queued calls in order. Each call's idempotency key comes from the thread and the tool call id (and
 * the approval, once given), so a resumed or retried turn never repeats an effect. A call that needs approval
 * stops the queue: the calls before it are recorded, the calls after it wait.
 */
export function toolsNode(deps: GraphDependencies) {
  return async (state: State, config: LangGraphRunnableConfig): Promise<StateUpdate> => {
    const queue = state.toolQueue;
    if (!queue) return {};
    const identity = runIdentity(config);
    const toolbox = await deps.toolboxes.get(identity);
    const allowed = new Set(SPECIALIST_TOOLS[queue.agent]);
    const messages: ToolMessage[] = [];
    let customerId = state.customerId;
    for (const [index, call] of queue.calls.entries()) {
      const callId = call.id ?? `${index}`;
      const approval = queue.approvals[callId];
      const args = approval?.args ?? call.args;
      let outcome: ToolOutcome;
      if (!allowed.has(call.name)) {
        const message = `the ${queue.agent} specialist has no tool "${call.name}"; its tools are: ${[...allowed].filter((t) => toolbox.get(t)).join(', ')}`;
        outcome = { ok: false, text: `INVALID_ARGUMENT: ${message}`, code: 'INVALID_ARGUMENT', message, details: undefined };
      } else {
        const attempt = approval ? `${callId}:${approval.approvalId ?? 'edited'}:${approval.edits ?? 0}` : callId;
        outcome = await toolbox.call(call.name, args, {
          idempotencyKey: idempotencyKeyFor(identity.threadId, attempt),
          approvalId: approval?.approvalId,
        });
      }
      if (!outcome.ok && outcome.code === 'APPROVAL_REQUIRED') {
        const request = approvalRequestFrom({
          tool: call.name,
          what: renderAction(call.name, args, knownItems(state.messages), knownQuotes(state.messages)),
          message: outcome.message,
          details: outcome.details,
          args,
          toolCallId: callId,
          agent: queue.agent,
        });
        return {
          messages,
          customerId,
          toolQueue: { ...queue, calls: queue.calls.slice(index) },
          pendingApproval: { request, call: { ...call, args } },
        };
      }
      if (IDENTIFYING_TOOLS.has(call.name)) customerId = identifiedCustomer(outcome) ?? customerId;
      const content = outcome.ok ? sanitizeToolOutput(outcome.text).text : outcome.text;
      messages.push(new ToolMessage({ content, tool_call_id: callId, name: call.name, status: outcome.ok ? 'success' : 'error' }));
    }
    return { messages, customerId, toolQueue: null };
  };
}

export function afterTools(state: State): 'approval' | 'shopping' | 'returns' | 'delivery' {
  if (state.pendingApproval) return 'approval';
  const agent = state.activeAgent;
  return agent === 'shopping' || agent === 'returns' || agent === 'delivery' ? agent : 'returns';
}
