import { AIMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { tag } from '../message-kinds.ts';
import { modelView } from '../model-view.ts';
import { HANDOFF_TOOLS, systemPrompt, type HandoffTool } from '../roles.ts';
import type { State, StateUpdate } from '../state.ts';
import { modelFor, type GraphDependencies } from './graph-dependencies.ts';

const handoffTool = (name: HandoffTool, description: string) => ({
  type: 'function' as const,
  function: {
    name,
    description,
    parameters: {
      type: 'object',
      properties: { reason: { type: 'string', description: 'why this specialist (one short sentence)' } },
      required: ['reason'],
    },
  },
});

export const HANDOFF_TOOL_DEFINITIONS = [
  handoffTool('transfer_to_shopping', 'Products, stock, prices, quotes, loyalty points, placing a new order.'),
  handoffTool('transfer_to_returns', 'Cancel or modify a pending order (items, payment), return or exchange delivered items.'),
  handoffTool('transfer_to_delivery', 'Tracking, delivery slots, rescheduling, rerouting, shipping or default address changes.'),
  handoffTool('transfer_to_human', 'The customer asks for a person, or no specialist can help.'),
];

export const HUMAN_HANDOFF_REPLY = 'I am transferring you to a human agent, who will continue this conversation here.';

/** Routes the customer's turn to a specialist (or a human) through the handoff tools. */
export function supervisorNode(deps: GraphDependencies) {
  return async (state: State, config: LangGraphRunnableConfig): Promise<StateUpdate> => {
    const model = modelFor(deps, 'supervisor');
    if (!model.bindTools) throw new Error('the configured chat model does not support tool calling (bindTools)');
    const bound = model.bindTools(HANDOFF_TOOL_DEFINITIONS, { tool_choice: 'auto' });
    const input = [new SystemMessage(systemPrompt('supervisor')), ...modelView(state.messages, 'supervisor')];
    const reply = (await bound.invoke(input, config)) as AIMessage;
    const call = reply.tool_calls?.find((c) => c.name in HANDOFF_TOOLS);
    if (!call) {
      return { messages: [new AIMessage({ content: reply.content, id: reply.id })], activeAgent: 'supervisor' };
    }
    const target = HANDOFF_TOOLS[call.name as HandoffTool];
    const routed = tag(new AIMessage({ content: reply.content, id: reply.id, tool_calls: [call] }), 'handoff');
    const ack = tag(new ToolMessage({ content: `transferred to ${target}`, tool_call_id: call.id ?? '', name: call.name }), 'handoff');
    if (target === 'human') {
      return { messages: [routed, ack, new AIMessage(HUMAN_HANDOFF_REPLY)], activeAgent: 'human', handoff: 'to_human' };
    }
    return { messages: [routed, ack], activeAgent: target };
  };
}

export function afterSupervisor(state: State): 'shopping' | 'returns' | 'delivery' | '__end__' {
  const agent = state.activeAgent;
  return agent === 'shopping' || agent === 'returns' || agent === 'delivery' ? agent : '__end__';
}
