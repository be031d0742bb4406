import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../testing/fake-openai-server.ts';
import { openAiChatModel } from './create-chat-model.ts';
import { modelConfigFromEnv } from './model-config.ts';

const fake = await startFakeOpenAi((request) => {
  const last = request.body.messages.at(-1);
  if (last?.role === 'tool') return { content: 'Found you, Sara.' };
  return { calls: [{ name: 'find_user_id_by_email', arguments: { email: 'sara.doe@example.com' }, id: 'call_rec_1' }] };
});
afterAll(() => fake.close());

const config = modelConfigFromEnv({ MODEL_PROVIDER: 'openai', OPENAI_BASE_URL: fake.url, MODEL_NAME: 'qwen-plus', OPENAI_API_KEY: 'sk-test' });
if (config.provider !== 'openai') throw new Error('expected an openai config');

const tool = {
  type: 'function' as const,
  function: {
    name: 'find_user_id_by_email',
    description: 'Find a customer by email.',
    parameters: { type: 'object', properties: { email: { type: 'string', description: 'email' } }, required: ['email'] },
  },
};

describe('OpenAI-compatible provider wire mapping (recorded shapes, loopback server)', () => {
  it('sends tools, tool_choice and messages in the chat.completions shape, and maps tool calls back', async () => {
    const model = openAiChatModel(config).bindTools([tool], { tool_choice: 'auto' });
    const reply = (await model.invoke([new SystemMessage('Role: returns\nYou are the returns specialist.'), new HumanMessage('my email is sara.doe@example.com')])) as AIMessage;
    expect(reply.tool_calls).toEqual([{ name: 'find_user_id_by_email', args: { email: 'sara.doe@example.com' }, id: 'call_rec_1', type: 'tool_call' }]);

    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.body.model).toBe('qwen-plus');
    expect(sent.body.temperature).toBe(0);
    expect(sent.body.tool_choice).toBe('auto');
    expect(sent.body.tools).toEqual([tool]);
    expect(sent.body.messages).toEqual([
      { role: 'system', content: 'Role: returns\nYou are the returns specialist.' },
      { role: 'user', content: 'my email is sara.doe@example.com' },
    ]);
  });

  it('sends an assistant tool call followed by its tool result, and reads a text answer', async () => {
    const model = openAiChatModel(config).bindTools([tool]);
    const reply = await model.invoke([
      new SystemMessage('Role: returns'),
      new HumanMessage('my email is sara.doe@example.com'),
      new AIMessage({ content: '', tool_calls: [{ name: 'find_user_id_by_email', args: { email: 'sara.doe@example.com' }, id: 'call_rec_1', type: 'tool_call' }] }),
      new ToolMessage({ content: '{"user_id":"sara_doe_496"}', tool_call_id: 'call_rec_1', name: 'find_user_id_by_email' }),
    ]);
    expect(reply.content).toBe('Found you, Sara.');
    const messages = fake.requests.at(-1)!.body.messages;
    expect(messages[2]).toMatchObject({
      role: 'assistant',
      tool_calls: [{ id: 'call_rec_1', type: 'function', function: { name: 'find_user_id_by_email', arguments: '{"email":"sara.doe@example.com"}' } }],
    });
    expect(messages[3]).toEqual({ role: 'tool', content: '{"user_id":"sara_doe_496"}', tool_call_id: 'call_rec_1', name: 'find_user_id_by_email' });
  });
});
