import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeterministicPlanner } from '../planner/index.ts';
import { startFakeOpenAi } from '../testing/fake-openai-server.ts';
import { openAiChatModel } from './create-chat-model.ts';
import { modelConfigFromEnv } from './model-config.ts';
import { UsageMeter } from './usage-meter.ts';

// Each response reports different counts, so a sum that drops or doubles a call shows.
const fake = await startFakeOpenAi(() => ({ content: 'Your parcel is on its way.', usage: { promptTokens: 100 + fake.requests.length, completionTokens: 3 * fake.requests.length } }));
afterAll(() => fake.close());
const config = modelConfigFromEnv({ MODEL_PROVIDER: 'openai', OPENAI_BASE_URL: fake.url, MODEL_NAME: 'qwen-plus', OPENAI_API_KEY: 'sk-test' });
if (config.provider !== 'openai') throw new Error('expected an openai config');

describe('UsageMeter', () => {
  it('sums the usage block of OpenAI-compatible responses, per conversation', async () => {
    const meter = new UsageMeter();
    const model = openAiChatModel(config);
    const first = fake.requests.length + 1;
    await model.invoke([new HumanMessage('where is my order?')], { callbacks: [meter], metadata: { thread_id: 'conv_a' } });
    await model.invoke([new HumanMessage('and the other one?')], { callbacks: [meter], metadata: { thread_id: 'conv_b' } });
    await model.invoke([new HumanMessage('thanks')], { callbacks: [meter], metadata: { thread_id: 'conv_a' } });
    expect(meter.total()).toEqual({ inputTokens: 3 * 100 + first + (first + 1) + (first + 2), outputTokens: 3 * (3 * first + 3), calls: 3 });
    expect(meter.ofConversation('conv_a')).toEqual({ inputTokens: 200 + first + (first + 2), outputTokens: 3 * (2 * first + 2), calls: 2 });
    expect(meter.ofConversation('conv_b')).toEqual({ inputTokens: 100 + first + 1, outputTokens: 3 * (first + 1), calls: 1 });
    expect(meter.ofConversation('conv_none')).toEqual({ inputTokens: 0, outputTokens: 0, calls: 0 });
  });

  it('reads the usage chunk of a streamed response (stream_options.include_usage)', async () => {
    const meter = new UsageMeter();
    const n = fake.requests.length + 1;
    let text = '';
    for await (const chunk of await openAiChatModel(config).stream([new HumanMessage('where is my order?')], { callbacks: [meter] })) text += String(chunk.content);
    expect(text).toBe('Your parcel is on its way.');
    const sent = fake.requests.at(-1)!.body;
    expect(sent.stream).toBe(true);
    expect(sent.stream_options).toEqual({ include_usage: true });
    expect(meter.total()).toEqual({ inputTokens: 100 + n, outputTokens: 3 * n, calls: 1 });
  });

  it('counts the embedded planner as calls with no tokens', async () => {
    const meter = new UsageMeter();
    await createDeterministicPlanner().invoke([new SystemMessage('Role: supervisor'), new HumanMessage('where is my order #W1000001?')], { callbacks: [meter] });
    expect(meter.total()).toEqual({ inputTokens: 0, outputTokens: 0, calls: 1 });
  });
});
