import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { isExplicitYes } from '../confirmation/yes-classifier.ts';
import { looksLikeInjection } from '../guardrails/prompt-injection.ts';
import { outOfScopeTopic } from '../guardrails/out-of-scope.ts';
import { tag } from '../message-kinds.ts';
import type { State, StateUpdate } from '../state.ts';

export const NOT_CONFIRMED = 'customer did not confirm; nothing was done';

export const INJECTION_REPLY =
  "I can't follow instructions that try to change how I work. I can help you with products, orders, returns, exchanges and deliveries.";

export function outOfScopeReply(topic: string): string {
  return `I can't help with ${topic} here. I can help you with products, orders, returns, exchanges and deliveries.`;
}

function textOf(message: HumanMessage): string {
  return typeof message.content === 'string' ? message.content : message.content.map((p) => ('text' in p ? String(p.text) : '')).join(' ');
}

/**
 * First node of every customer turn: settles a pending confirmation (explicit yes runs exactly those calls;
 * anything else cancels them) and applies the input guardrails.
 */
export function intakeNode(state: State): StateUpdate {
  const last = state.messages.at(-1);
  if (!last || !HumanMessage.isInstance(last)) {
    throw new Error('a turn must end with the customer\'s message: invoke the graph with { messages: [new HumanMessage(text)] }');
  }
  const text = textOf(last);
  const pending = state.pendingConfirmation;
  if (pending && isExplicitYes(text)) {
    const reply = tag(new HumanMessage({ content: last.content, id: last.id }), 'confirmation_reply');
    return {
      messages: [reply],
      pendingConfirmation: null,
      toolQueue: { agent: pending.agent, calls: pending.calls, approvals: {} },
      activeAgent: pending.agent,
      inputFlags: [],
    };
  }
  const cancelled = pending ? pending.calls.map((c) => new ToolMessage({ content: NOT_CONFIRMED, tool_call_id: c.id ?? '', name: c.name })) : [];
  const flags: string[] = [];
  if (looksLikeInjection(text)) flags.push('prompt_injection');
  const topic = outOfScopeTopic(text);
  if (topic) flags.push(`out_of_scope:${topic}`);
  const refusal = flags.includes('prompt_injection') ? INJECTION_REPLY : topic ? outOfScopeReply(topic) : undefined;
  return {
    messages: [...cancelled, ...(refusal ? [tag(new AIMessage(refusal), 'guardrail')] : [])],
    pendingConfirmation: null,
    // The specialist that held the calls hears first that they were not confirmed; otherwise the supervisor routes.
    activeAgent: pending ? pending.agent : 'supervisor',
    inputFlags: flags,
  };
}

export function afterIntake(state: State): 'tools' | 'supervisor' | 'shopping' | 'returns' | 'delivery' | '__end__' {
  if (state.toolQueue) return 'tools';
  if (state.inputFlags.length > 0) return '__end__';
  const agent = state.activeAgent;
  return agent === 'shopping' || agent === 'returns' || agent === 'delivery' ? agent : 'supervisor';
}
