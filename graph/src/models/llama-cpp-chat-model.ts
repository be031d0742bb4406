import type { BindToolsInput } from '@langchain/core/language_models/chat_models';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { randomUUID } from 'node:crypto';
import type { ModelConfig } from './model-config.ts';

// node-llama-cpp is an OPTIONAL dependency (native prebuilt llama.cpp): it is loaded only when this provider is chosen.
/* eslint-disable @typescript-eslint/no-explicit-any */
type LlamaModule = any;
type HistoryItem = { type: 'system' | 'user'; text: string } | { type: 'model'; response: unknown[] };

export const LLAMA_CPP_MISSING =
  'MODEL_PROVIDER=llama-cpp needs node-llama-cpp, an optional dependency of @agentic-commerce/graph that is not installed ' +
  'here (optional dependencies were skipped, or it has no prebuilt llama.cpp for this platform). Run `pnpm install` ' +
  'without --no-optional (on a GPU host, drop its CUDA/Vulkan packages from ignoredOptionalDependencies in pnpm-workspace.yaml), ' +
  'or serve the model with `llama-server -m model.gguf --jinja` and use MODEL_PROVIDER=openai MODEL_PRESET=llamacpp.';

export async function importLlamaCpp(specifier = 'node-llama-cpp'): Promise<LlamaModule> {
  try {
    return await import(specifier);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' || /Cannot find (module|package)/.test(String(error))) {
      throw new Error(LLAMA_CPP_MISSING, { cause: error });
    }
    throw error;
  }
}

/** JSON Schema -> the subset node-llama-cpp turns into a grammar (type, properties, items, enum, description). */
function grammarSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['type', 'description', 'enum', 'const']) if (schema[key] !== undefined) out[key] = schema[key];
  if (schema.properties && typeof schema.properties === 'object') {
    out.properties = Object.fromEntries(Object.entries(schema.properties as Record<string, Record<string, unknown>>).map(([k, v]) => [k, grammarSchema(v)]));
  }
  if (schema.items && typeof schema.items === 'object') out.items = grammarSchema(schema.items as Record<string, unknown>);
  return out;
}

/** Maps LangChain messages to node-llama-cpp chat history; tool results are attached to the calls they answer. */
export function toLlamaHistory(messages: BaseMessage[]): HistoryItem[] {
  const history: HistoryItem[] = [];
  const pending = new Map<string, { result?: unknown }>();
  for (const m of messages) {
    const text = typeof m.content === 'string' ? m.content : JSON.stringify(m.content);
    const type = m.getType();
    if (type === 'system') history.push({ type: 'system', text });
    else if (type === 'human') history.push({ type: 'user', text });
    else if (type === 'ai') {
      const response: unknown[] = text ? [text] : [];
      for (const call of (m as AIMessage).tool_calls ?? []) {
        const item: { type: 'functionCall'; name: string; params: unknown; result?: unknown } = { type: 'functionCall', name: call.name, params: call.args };
        if (call.id) pending.set(call.id, item);
        response.push(item);
      }
      history.push({ type: 'model', response });
    } else if (type === 'tool') {
      const target = pending.get((m as unknown as { tool_call_id: string }).tool_call_id);
      if (target) target.result = text;
    }
  }
  return history;
}

export interface LlamaCppGeneration {
  temperature: number;
  /** Most tokens one reply may have; undefined: until the model stops or the context is full. */
  maxTokens?: number | undefined;
}

/**
 * A local GGUF model through node-llama-cpp, with tool calling via its function-calling grammar. Each reply carries
 * `usage_metadata` from the sequence's token meter (tokens evaluated in, tokens generated out).
 */
export class LlamaCppChatModel extends BaseChatModel {
  constructor(
    private readonly llama: { module: LlamaModule; context: any },
    private readonly generation: LlamaCppGeneration,
    private readonly tools: { name: string; description?: string; parameters?: Record<string, unknown> }[] = [],
  ) {
    super({});
  }

  _llmType(): string {
    return 'node-llama-cpp';
  }

  override bindTools(tools: BindToolsInput[]): LlamaCppChatModel {
    const shapes = tools.map((t) => {
      const f = (t as { function?: { name: string; description?: string; parameters?: Record<string, unknown> } }).function;
      if (!f) throw new Error('LlamaCppChatModel.bindTools takes OpenAI-style function tools ({ type: "function", function: {...} })');
      return f;
    });
    return new LlamaCppChatModel(this.llama, this.generation, shapes);
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const sequence = this.llama.context.getSequence();
    const chat = new this.llama.module.LlamaChat({ contextSequence: sequence });
    try {
      const functions = Object.fromEntries(this.tools.map((t) => [t.name, { description: t.description, params: grammarSchema(t.parameters ?? {}) }]));
      const { temperature, maxTokens } = this.generation;
      const result = await chat.generateResponse(toLlamaHistory(messages), {
        ...(this.tools.length > 0 ? { functions } : {}),
        temperature,
        ...(maxTokens !== undefined ? { maxTokens } : {}),
      });
      const calls = (result.functionCalls ?? []) as { functionName: string; params: Record<string, unknown> }[];
      const meter = sequence.tokenMeter as { usedInputTokens: number; usedOutputTokens: number } | undefined;
      const message = new AIMessage({
        content: calls.length > 0 ? '' : String(result.response ?? ''),
        tool_calls: calls.map((c) => ({ name: c.functionName, args: c.params ?? {}, id: `call_${randomUUID()}`, type: 'tool_call' as const })),
        ...(meter
          ? { usage_metadata: { input_tokens: meter.usedInputTokens, output_tokens: meter.usedOutputTokens, total_tokens: meter.usedInputTokens + meter.usedOutputTokens } }
          : {}),
      });
      return { generations: [{ message, text: typeof message.content === 'string' ? message.content : '' }] };
    } finally {
      chat.dispose?.();
      sequence.dispose?.();
    }
  }
}

export async function loadLlamaCppChatModel(config: Extract<ModelConfig, { provider: 'llama-cpp' }>, specifier?: string): Promise<LlamaCppChatModel> {
  const module = await importLlamaCpp(specifier);
  const llama = await module.getLlama(config.threads !== undefined ? { maxThreads: config.threads } : {});
  const model = await llama.loadModel({ modelPath: config.modelPath });
  const context = await model.createContext({
    ...(config.threads !== undefined ? { threads: config.threads } : {}),
    ...(config.contextSize !== undefined ? { contextSize: config.contextSize } : {}),
  });
  return new LlamaCppChatModel({ module, context }, { temperature: config.temperature, maxTokens: config.maxTokens });
}
