import { AIMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { ApprovalRequest } from '../approvals/approval-request.ts';
import { kindOf } from '../message-kinds.ts';

/** What a client sees while a turn runs (streamed over SSE, printed by the chat CLI, logged by the worker). */
export type TurnEvent =
  | { type: 'routed'; agent: string; reason: string }
  | { type: 'tool_call'; agent: string; tool: string; args: Record<string, unknown>; id: string }
  | { type: 'tool_result'; tool: string; id: string; ok: boolean; text: string }
  | { type: 'confirmation_required'; statement: string }
  | { type: 'approval_required'; request: ApprovalRequest }
  | { type: 'message'; agent: string; text: string }
  | { type: 'handoff'; to: 'human' };

/** Turns the messages one node added into events. */
export function eventsFromMessages(node: string, messages: readonly BaseMessage[]): TurnEvent[] {
  const events: TurnEvent[] = [];
  for (const m of messages) {
    const kind = kindOf(m);
    if (AIMessage.isInstance(m)) {
      const text = typeof m.content === 'string' ? m.content : '';
      if (kind === 'handoff') {
        for (const c of m.tool_calls ?? []) events.push({ type: 'routed', agent: c.name.replace('transfer_to_', ''), reason: String(c.args.reason ?? '') });
        continue;
      }
      if (kind === 'confirmation_prompt') {
        events.push({ type: 'confirmation_required', statement: text });
        continue;
      }
      for (const c of m.tool_calls ?? []) events.push({ type: 'tool_call', agent: node, tool: c.name, args: c.args, id: c.id ?? '' });
      if (text.length > 0) events.push({ type: 'message', agent: node, text });
    } else if (ToolMessage.isInstance(m) && kind !== 'handoff') {
      events.push({ type: 'tool_result', tool: m.name ?? '', id: m.tool_call_id, ok: m.status !== 'error', text: typeof m.content === 'string' ? m.content : JSON.stringify(m.content) });
    }
  }
  return events;
}
