import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { randomUUID } from 'node:crypto';
import { confirmationStatement } from '../confirmation/render-action.ts';
import { knownItems } from '../confirmation/known-items.ts';
import { knownQuotes } from '../confirmation/known-quotes.ts';
import { tag } from '../message-kinds.ts';
import { modelView } from '../model-view.ts';
import { SPECIALIST_TOOLS, systemPrompt } from '../roles.ts';
import type { Specialist, State, StateUpdate } from '../state.ts';
import { modelFor, type GraphDependencies } from './graph-dependencies.ts';
import { runIdentity } from './run-identity.ts';

export const TOO_MANY_ROUNDS_REPLY = 'I could not finish this request on my own; I am transferring you to a human agent.';

function toolRoundsThisTurn(messages: readonly BaseMessage[]): number {
  let rounds = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m && HumanMessage.isInstance(m)) break;
    if (m && AIMessage.isInstance(m) && (m.tool_calls?.length ?? 0) > 0) rounds += 1;
  }
  return rounds;
}

/**
 * A specialist: its model sees the conversation and its own MCP tools. Read calls go to the tools node; a
 * message with any write call is held back and the customer is told exactly what will be done.
 */
export function specialistNode(deps: GraphDependencies, role: Specialist) {
  const allowed = new Set(SPECIALIST_TOOLS[role]);
  return async (state: State, config: LangGraphRunnableConfig): Promise<StateUpdate> => {
    if (toolRoundsThisTurn(state.messages) >= (deps.maxToolRounds ?? 12)) {
      return { messages: [new AIMessage(TOO_MANY_ROUNDS_REPLY)], activeAgent: 'human', handoff: 'to_human' };
    }
    const toolbox = await deps.toolboxes.get(runIdentity(config));
    const tools = toolbox
      .list()
      .filter((t) => allowed.has(t.name))
      .map((t) => ({ type: 'function' as const, function: { name: t.name, description: t.description, parameters: t.parameters } }));
    const model = modelFor(deps, role);
    if (!model.bindTools) throw new Error('the configured chat model does not support tool calling (bindTools)');
    const input = [new SystemMessage(systemPrompt(role)), ...modelView(state.messages, 'specialist')];
    const raw = (await model.bindTools(tools, { tool_choice: 'auto' }).invoke(input, config)) as AIMessage;
    const calls = (raw.tool_calls ?? []).map((c) => ({ ...c, id: c.id && c.id.length > 0 ? c.id : `call_${randomUUID()}` }));
    const reply = new AIMessage({ content: raw.content, id: raw.id ?? randomUUID(), tool_calls: calls, name: role });
    if (calls.length === 0) return { messages: [reply], activeAgent: role };
    const writes = calls.filter((c) => toolbox.get(c.name)?.write === true && allowed.has(c.name));
    if (writes.length === 0) {
      return { messages: [reply], activeAgent: role, toolQueue: { agent: role, calls, approvals: {} } };
    }
    const statement = confirmationStatement(
      writes.map((c) => ({ name: c.name, args: c.args })),
      knownItems(state.messages),
      knownQuotes(state.messages),
    );
    return {
      messages: [reply, tag(new AIMessage(statement), 'confirmation_prompt')],
      activeAgent: role,
      pendingConfirmation: { agent: role, calls, statement },
    };
  };
}

export function afterSpecialist(state: State): 'tools' | '__end__' {
  return state.toolQueue ? 'tools' : '__end__';
}
