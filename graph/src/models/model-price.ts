import type { ModelConfig } from './model-config.ts';
import type { TokenUsage } from './usage-meter.ts';

/** What a model's tokens cost, in USD per million tokens. */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
  /** Where the numbers come from (env, a published list price, or the embedded planner). */
  source: string;
}

/**
 * List prices published by the provider (USD per 1M tokens, standard tier, no caching or batch discount), only for
 * models on the provider's own endpoint. Anything else has no default: set MODEL_PRICE_INPUT_PER_MTOK and
 * MODEL_PRICE_OUTPUT_PER_MTOK, or the reports show tokens with the cost "not configured".
 */
const PUBLISHED: Record<string, Record<string, { input: number; output: number }>> = {
  'https://api.openai.com/v1': {
    'gpt-4o-mini': { input: 0.15, output: 0.6 },
    'gpt-4o': { input: 2.5, output: 10 },
  },
};

function perMTok(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number of USD per million tokens, got "${raw}"`);
  return n;
}

/**
 * The price to apply to a model's measured tokens: MODEL_PRICE_INPUT_PER_MTOK + MODEL_PRICE_OUTPUT_PER_MTOK (both or
 * neither), else the published price of a known model, else undefined (cost not configured). The embedded planner
 * calls no paid model and costs 0.
 */
export function modelPriceFromEnv(config: ModelConfig, env: NodeJS.ProcessEnv = process.env): ModelPrice | undefined {
  const input = perMTok('MODEL_PRICE_INPUT_PER_MTOK', env.MODEL_PRICE_INPUT_PER_MTOK);
  const output = perMTok('MODEL_PRICE_OUTPUT_PER_MTOK', env.MODEL_PRICE_OUTPUT_PER_MTOK);
  if ((input === undefined) !== (output === undefined)) {
    throw new Error('set both MODEL_PRICE_INPUT_PER_MTOK and MODEL_PRICE_OUTPUT_PER_MTOK (USD per million tokens), or neither');
  }
  if (input !== undefined && output !== undefined) return { inputPerMTok: input, outputPerMTok: output, source: 'MODEL_PRICE_*_PER_MTOK' };
  if (config.provider === 'embedded') return { inputPerMTok: 0, outputPerMTok: 0, source: 'embedded planner (no paid model)' };
  if (config.provider !== 'openai') return undefined;
  const published = PUBLISHED[config.baseUrl.replace(/\/+$/, '')]?.[config.model];
  return published ? { inputPerMTok: published.input, outputPerMTok: published.output, source: `published list price of ${config.model}` } : undefined;
}

/** USD for some tokens at a price. */
export function costOf(usage: Pick<TokenUsage, 'inputTokens' | 'outputTokens'>, price: ModelPrice): number {
  return (usage.inputTokens * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
}
