import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Serialized } from '@langchain/core/load/serializable';
import type { BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';

/** Tokens a model reported for some calls. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Model calls that finished (with or without a usage report). */
  calls: number;
}

export const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, calls: 0 };

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens, calls: a.calls + b.calls };
}

const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);

/**
 * The tokens one model call reported: LangChain's `usage_metadata` on the message (filled from the OpenAI-compatible
 * `usage` block, including the final chunk of a stream with `stream_options.include_usage`), else the provider's
 * `llmOutput.tokenUsage`. A model that reports nothing (the embedded planner) counts 0.
 */
export function usageOf(output: LLMResult): TokenUsage {
  let inputTokens = 0;
  let outputTokens = 0;
  let found = false;
  for (const generation of output.generations.flat()) {
    const meta = (generation as { message?: { usage_metadata?: { input_tokens?: number; output_tokens?: number } } }).message?.usage_metadata;
    if (!meta) continue;
    found = true;
    inputTokens += count(meta.input_tokens);
    outputTokens += count(meta.output_tokens);
  }
  if (!found) {
    const legacy = (output.llmOutput as { tokenUsage?: { promptTokens?: number; completionTokens?: number } } | undefined)?.tokenUsage;
    inputTokens = count(legacy?.promptTokens);
    outputTokens = count(legacy?.completionTokens);
  }
  return { inputTokens, outputTokens, calls: 1 };
}

/**
 * A LangChain callback handler that sums the tokens every chat model call reports, in total and per conversation
 * (LangGraph puts the `thread_id` of a run into the model call's metadata). Pass it in a run's `callbacks`.
 */
export class UsageMeter extends BaseCallbackHandler {
  name = 'usage-meter';
  private readonly threadOfRun = new Map<string, string>();
  private readonly byThread = new Map<string, TokenUsage>();
  private sum: TokenUsage = NO_USAGE;

  override handleChatModelStart(_llm: Serialized, _messages: BaseMessage[][], runId: string, _parent?: string, _extra?: Record<string, unknown>, _tags?: string[], metadata?: Record<string, unknown>): void {
    const thread = metadata?.thread_id;
    if (typeof thread === 'string') this.threadOfRun.set(runId, thread);
  }

  override handleLLMEnd(output: LLMResult, runId: string): void {
    const usage = usageOf(output);
    this.sum = addUsage(this.sum, usage);
    const thread = this.threadOfRun.get(runId);
    this.threadOfRun.delete(runId);
    if (thread !== undefined) this.byThread.set(thread, addUsage(this.byThread.get(thread) ?? NO_USAGE, usage));
  }

  override handleLLMError(_error: Error, runId: string): void {
    this.threadOfRun.delete(runId);
  }

  /** Everything metered so far. */
  total(): TokenUsage {
    return this.sum;
  }

  /** What one conversation's model calls reported (zero when it made none). */
  ofConversation(conversationId: string): TokenUsage {
    return this.byThread.get(conversationId) ?? NO_USAGE;
  }
}
