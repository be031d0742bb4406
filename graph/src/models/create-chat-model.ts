import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import { createDeterministicPlanner } from '../planner/index.ts';
import { loadLlamaCppChatModel } from './llama-cpp-chat-model.ts';
import type { ModelConfig } from './model-config.ts';

/** An OpenAI-compatible chat model (OpenAI, DashScope Qwen, vLLM, Ollama, llama.cpp server). */
export function openAiChatModel(config: Extract<ModelConfig, { provider: 'openai' }>): ChatOpenAI {
  return new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey,
    temperature: config.temperature,
    configuration: { baseURL: config.baseUrl },
    maxRetries: 2,
  });
}

/** The chat model the configuration names. Every provider goes through the same graph code path. */
export async function createChatModel(config: ModelConfig): Promise<BaseChatModel> {
  switch (config.provider) {
    case 'embedded':
      return createDeterministicPlanner();
    case 'openai':
      return openAiChatModel(config);
    case 'llama-cpp':
      return loadLlamaCppChatModel(config);
  }
}

export function describeModel(config: ModelConfig): string {
  switch (config.provider) {
    case 'embedded':
      return 'embedded deterministic planner (no network, no weights)';
    case 'openai':
      return `${config.model} at ${config.baseUrl} (OpenAI-compatible, preset ${config.preset})`;
    case 'llama-cpp':
      return `local GGUF ${config.modelPath} via node-llama-cpp`;
  }
}
