import { describe, expect, it } from 'vitest';
import { modelConfigFromEnv } from './model-config.ts';
import { costOf, modelPriceFromEnv } from './model-price.ts';

const openai = (env: Record<string, string>) => modelConfigFromEnv({ MODEL_PROVIDER: 'openai', OPENAI_API_KEY: 'k', ...env });

describe('modelPriceFromEnv', () => {
  it('uses the configured price per million tokens', () => {
    const price = modelPriceFromEnv(openai({ MODEL_PRESET: 'vllm' }), { MODEL_PRICE_INPUT_PER_MTOK: '0.4', MODEL_PRICE_OUTPUT_PER_MTOK: '1.2' });
    expect(price).toEqual({ inputPerMTok: 0.4, outputPerMTok: 1.2, source: 'MODEL_PRICE_*_PER_MTOK' });
    expect(costOf({ inputTokens: 2_500_000, outputTokens: 500_000 }, price!)).toBeCloseTo(1.6, 10);
  });

  it('defaults only to a published list price; other models have no cost configured', () => {
    expect(modelPriceFromEnv(openai({}), {})).toMatchObject({ inputPerMTok: 0.15, outputPerMTok: 0.6 });
    expect(modelPriceFromEnv(openai({ MODEL_NAME: 'gpt-4o-2099' }), {})).toBeUndefined();
    expect(modelPriceFromEnv(openai({ MODEL_PRESET: 'dashscope' }), {})).toBeUndefined();
    expect(modelPriceFromEnv(openai({ MODEL_PRESET: 'ollama' }), {})).toBeUndefined();
    expect(modelPriceFromEnv({ provider: 'llama-cpp', modelPath: 'm.gguf', temperature: 0 }, {})).toBeUndefined();
    expect(modelPriceFromEnv({ provider: 'embedded' }, {})).toMatchObject({ inputPerMTok: 0, outputPerMTok: 0 });
  });

  it('refuses half a price or a price that is not a number', () => {
    expect(() => modelPriceFromEnv({ provider: 'embedded' }, { MODEL_PRICE_INPUT_PER_MTOK: '1' })).toThrow(/both MODEL_PRICE_INPUT_PER_MTOK and MODEL_PRICE_OUTPUT_PER_MTOK/);
    expect(() => modelPriceFromEnv({ provider: 'embedded' }, { MODEL_PRICE_INPUT_PER_MTOK: 'cheap', MODEL_PRICE_OUTPUT_PER_MTOK: '1' })).toThrow(
      'MODEL_PRICE_INPUT_PER_MTOK must be a non-negative number of USD per million tokens, got "cheap"',
    );
    expect(() => modelPriceFromEnv({ provider: 'embedded' }, { MODEL_PRICE_INPUT_PER_MTOK: '1', MODEL_PRICE_OUTPUT_PER_MTOK: '-2' })).toThrow(/MODEL_PRICE_OUTPUT_PER_MTOK/);
  });
});
