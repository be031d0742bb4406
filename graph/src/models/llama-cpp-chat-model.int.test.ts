import { HumanMessage, SystemMessage, type AIMessage } from '@langchain/core/messages';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyLlamaGguf } from '../testing/tiny-gguf.ts';
import { importLlamaCpp, loadLlamaCppChatModel, type LlamaCppChatModel } from './llama-cpp-chat-model.ts';
import { UsageMeter } from './usage-meter.ts';

// node-llama-cpp is an optional dependency: where its install was skipped (no prebuilt binary), this suite cannot run.
const installed = await importLlamaCpp().then(
  () => true,
  () => false,
);

const tool = {
  type: 'function' as const,
  function: {
    name: 'find_user_id_by_email',
    description: 'Find a customer by email.',
    parameters: { type: 'object', properties: { email: { type: 'string', description: 'the customer email' } }, required: ['email'] },
  },
};

describe.skipIf(!installed)('LlamaCppChatModel on a tiny GGUF written by the test (node-llama-cpp, CPU)', { timeout: 120_000 }, () => {
  let dir: string;
  let model: LlamaCppChatModel;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tiny-gguf-'));
    const modelPath = join(dir, 'tiny.gguf');
    // After the prompt's last newline the model says the tool-call prefix, then '"' forever: a deterministic path into
    // node-llama-cpp's function-calling grammar, which must then produce a valid call to one of the bound tools.
    await writeTinyLlamaGguf(modelPath, { context: 4096, extraTokens: ['||call: '], transitions: { next: [{ from: '\n', to: '||call: ' }], otherwise: '"' } });
    model = await loadLlamaCppChatModel({ provider: 'llama-cpp', modelPath, temperature: 0, maxTokens: 64, threads: 1, contextSize: 4096 });
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loads the model and generates at most MODEL_MAX_TOKENS tokens of text, reporting token usage', async () => {
    const meter = new UsageMeter();
    const reply = (await model.invoke([new SystemMessage('Role: returns'), new HumanMessage('hello')], { callbacks: [meter] })) as AIMessage;
    expect(reply.content).toBe(`||call: ${'"'.repeat(63)}`);
    expect(reply.tool_calls).toEqual([]);
    expect(reply.usage_metadata?.output_tokens).toBe(64);
    expect(reply.usage_metadata!.input_tokens).toBeGreaterThan('Role: returns hello'.length);
    expect(meter.total()).toEqual({ inputTokens: reply.usage_metadata!.input_tokens, outputTokens: 64, calls: 1 });
  });

  it('turns a generated call into a LangChain tool call through the function-calling grammar', async () => {
    const reply = (await model.bindTools([tool]).invoke([new SystemMessage('Role: returns'), new HumanMessage('my email is sara.doe@example.com')])) as AIMessage;
    expect(reply.content).toBe('');
    expect(reply.tool_calls).toEqual([{ name: 'find_user_id_by_email', args: { email: '' }, id: expect.stringMatching(/^call_/), type: 'tool_call' }]);
  });
});
