import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { tag } from './message-kinds.ts';
import { modelView } from './model-view.ts';

describe('modelView', () => {
  const call = new AIMessage({ content: '', tool_calls: [{ name: 'cancel_pending_order', args: { order_id: '#W1' }, id: 'c1', type: 'tool_call' }] });
  const prompt = tag(new AIMessage('Here is exactly what I will do: ...'), 'confirmation_prompt');
  const routing = [
    tag(new AIMessage({ content: '', tool_calls: [{ name: 'transfer_to_returns', args: { reason: 'x' }, id: 'h1', type: 'tool_call' }] }), 'handoff'),
    tag(new ToolMessage({ content: 'transferred to returns', tool_call_id: 'h1' }), 'handoff'),
  ];

  it('places a cancelled call\'s result right after the call, before the new message', () => {
    const view = modelView([new HumanMessage('cancel #W1'), ...routing, call, prompt, new HumanMessage('no wait'), new ToolMessage({ content: 'customer did not confirm; nothing was done', tool_call_id: 'c1' })], 'specialist');
    expect(view.map((m) => `${m.getType()}:${String(m.content).slice(0, 12)}`)).toEqual(['human:cancel #W1', 'ai:', 'tool:customer did', 'human:no wait']);
  });

  it('hides the confirmation exchange so a confirmed call reads like a direct one', () => {
    const yes = tag(new HumanMessage('yes'), 'confirmation_reply');
    const view = modelView([new HumanMessage('cancel #W1'), call, prompt, yes, new ToolMessage({ content: '{"status":"cancelled"}', tool_call_id: 'c1' })], 'specialist');
    expect(view.map((m) => m.getType())).toEqual(['human', 'ai', 'tool']);
  });

  it('keeps routing messages for the supervisor only', () => {
    expect(modelView([new HumanMessage('hi'), ...routing], 'supervisor')).toHaveLength(3);
    expect(modelView([new HumanMessage('hi'), ...routing], 'specialist')).toHaveLength(1);
  });
});
