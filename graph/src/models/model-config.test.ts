import { describe, expect, it } from 'vitest';
import { createChatModel } from './create-chat-model.ts';
import { importLlamaCpp, LLAMA_CPP_MISSING, toLlamaHistory } from './llama-cpp-chat-model.ts';
import { modelConfigFromEnv } from './model-config.ts';
import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';

describe('modelConfigFromEnv', () => {
  it('defaults to the embedded planner', async () => {
    expect(modelConfigFromEnv({})).toEqual({ provider: 'embedded' });
    const model = await createChatModel({ provider: 'embedded' });
    expect(typeof model.bindTools).toBe('function');
  });

  it('resolves presets with overridable model names', () => {
    expect(modelConfigFromEnv({ MODEL_PROVIDER: 'openai', MODEL_PRESET: 'dashscope', DASHSCOPE_API_KEY: 'k' })).toMatchObject({
      baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
      model: 'qwen-plus',
      apiKey: 'k',
    });
    expect(modelConfigFromEnv({ MODEL_PROVIDER: 'openai', MODEL_PRESET: 'ollama', MODEL_NAME: 'llama3.1' })).toMatchObject({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1',
      apiKey: 'not-needed',
    });
    expect(modelConfigFromEnv({ MODEL_PROVIDER: 'openai', MODEL_PRESET: 'vllm' })).toMatchObject({ baseUrl: 'http://127.0.0.1:8000/v1' });
  });

  it('explains what is wrong and what is accepted', () => {
    expect(() => modelConfigFromEnv({ MODEL_PROVIDER: 'gpt' })).toThrow('MODEL_PROVIDER must be one of embedded, openai, llama-cpp, got "gpt"');
    expect(() => modelConfigFromEnv({ MODEL_PROVIDER: 'openai', MODEL_PRESET: 'dashscope' })).toThrow(/OPENAI_API_KEY is required/);
    expect(() => modelConfigFromEnv({ MODEL_PROVIDER: 'openai', OPENAI_BASE_URL: 'localhost:8000' })).toThrow(/http\(s\) URL/);
    expect(() => modelConfigFromEnv({ MODEL_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://x/v1' })).toThrow(/MODEL_NAME is required/);
    expect(() => modelConfigFromEnv({ MODEL_PROVIDER: 'openai', MODEL_PRESET: 'bogus' })).toThrow(/MODEL_PRESET must be one of/);
    expect(() => modelConfigFromEnv({ MODEL_PROVIDER: 'llama-cpp' })).toThrow(/MODEL_PATH/);
    expect(() => modelConfigFromEnv({ MODEL_PROVIDER: 'llama-cpp', MODEL_PATH: 'm.gguf', MODEL_MAX_TOKENS: '0' })).toThrow('MODEL_MAX_TOKENS must be a positive integer, got "0"');
    expect(() => modelConfigFromEnv({ MODEL_TEMPERATURE: 'hot' })).toThrow(/MODEL_TEMPERATURE/);
  });
});

describe('local GGUF provider', () => {
  it('reads the generation limits of a local model', () => {
    expect(modelConfigFromEnv({ MODEL_PROVIDER: 'llama-cpp', MODEL_PATH: 'm.gguf', MODEL_MAX_TOKENS: '256', MODEL_THREADS: '2', MODEL_CONTEXT_SIZE: '4096' })).toEqual({
      provider: 'llama-cpp', modelPath: 'm.gguf', temperature: 0, maxTokens: 256, threads: 2, contextSize: 4096,
    });
  });

  it('says how to install node-llama-cpp when it is missing', async () => {
    await expect(importLlamaCpp('node-llama-cpp-not-installed-here')).rejects.toThrow(LLAMA_CPP_MISSING);
  });

  it('maps messages to chat history with tool results attached to their calls', () => {
    const history = toLlamaHistory([
      new SystemMessage('Role: returns'),
      new HumanMessage('hi'),
      new AIMessage({ content: '', tool_calls: [{ name: 'get_order_details', args: { order_id: '#W1' }, id: 'c1', type: 'tool_call' }] }),
      new ToolMessage({ content: '{"status":"delivered"}', tool_call_id: 'c1' }),
    ]);
    expect(history).toEqual([
      { type: 'system', text: 'Role: returns' },
      { type: 'user', text: 'hi' },
      { type: 'model', response: [{ type: 'functionCall', name: 'get_order_details', params: { order_id: '#W1' }, result: '{"status":"delivered"}' }] },
    ]);
  });
});
