import { AIMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { kindOf } from './message-kinds.ts';

/**
 * The conversation as a model sees it. The graph's own confirmation prompts and the customer's "yes" are
 * left out (the model sees the tool result as if the call ran directly); routing messages are left out for
 * specialists; every ToolMessage is placed right after the AI message that made its call, as OpenAI-style
 * APIs require, even when the customer spoke in between (a cancelled confirmation).
 */
export function modelView(messages: readonly BaseMessage[], role: 'supervisor' | 'specialist'): BaseMessage[] {
  const hidden = new Set(['confirmation_prompt', 'confirmation_reply', ...(role === 'specialist' ? ['handoff'] : [])]);
  const visible = messages.filter((m) => !hidden.has(kindOf(m) ?? ''));
  const results = new Map<string, ToolMessage>();
  for (const m of visible) if (ToolMessage.isInstance(m)) results.set(m.tool_call_id, m);
  const view: BaseMessage[] = [];
  for (const m of visible) {
    if (ToolMessage.isInstance(m)) continue;
    view.push(m);
    if (AIMessage.isInstance(m)) {
      for (const call of m.tool_calls ?? []) {
        const result = call.id ? results.get(call.id) : undefined;
        if (result) view.push(result);
      }
    }
  }
  return view;
}
