import { OPENAI_PRESETS, PRESET_NAMES, type OpenAiPreset } from './openai-presets.ts';

export type ModelConfig =
  | { provider: 'embedded' }
  | { provider: 'openai'; baseUrl: string; apiKey: string; model: string; temperature: number; preset: OpenAiPreset | 'custom' }
  | { provider: 'llama-cpp'; modelPath: string; temperature: number; maxTokens?: number | undefined; threads?: number | undefined; contextSize?: number | undefined };

export const PROVIDERS = ['embedded', 'openai', 'llama-cpp'] as const;

/**
 * Reads the model configuration from the environment:
 *   MODEL_PROVIDER   embedded (default) | openai | llama-cpp
 *   MODEL_PRESET     openai | dashscope | dashscope-intl | vllm | ollama | llamacpp  (provider openai)
 *   OPENAI_BASE_URL, OPENAI_API_KEY (or DASHSCOPE_API_KEY), MODEL_NAME, MODEL_TEMPERATURE
 *   MODEL_PATH       a .gguf file (provider llama-cpp), with optional MODEL_MAX_TOKENS (per reply), MODEL_THREADS,
 *                    MODEL_CONTEXT_SIZE (tokens; default: what fits the model and memory)
 */
export function modelConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ModelConfig {
  const provider = (env.MODEL_PROVIDER ?? 'embedded').trim().toLowerCase();
  const temperature = env.MODEL_TEMPERATURE === undefined ? 0 : Number(env.MODEL_TEMPERATURE);
  if (!Number.isFinite(temperature) || temperature < 0 || temperature > 2) {
    throw new Error(`MODEL_TEMPERATURE must be a number from 0 to 2, got "${env.MODEL_TEMPERATURE}"`);
  }
  if (provider === 'embedded') return { provider: 'embedded' };
  if (provider === 'openai') {
    const presetName = (env.MODEL_PRESET ?? (env.OPENAI_BASE_URL ? 'custom' : 'openai')).trim().toLowerCase();
    if (presetName !== 'custom' && !PRESET_NAMES.includes(presetName as OpenAiPreset)) {
      throw new Error(`MODEL_PRESET must be one of ${PRESET_NAMES.join(', ')} (or unset with OPENAI_BASE_URL), got "${presetName}"`);
    }
    const preset = presetName === 'custom' ? undefined : OPENAI_PRESETS[presetName as OpenAiPreset];
    const baseUrl = env.OPENAI_BASE_URL ?? preset?.baseUrl;
    if (!baseUrl || !/^https?:\/\//.test(baseUrl)) throw new Error(`OPENAI_BASE_URL must be an http(s) URL such as http://127.0.0.1:8000/v1, got "${baseUrl ?? ''}"`);
    const model = env.MODEL_NAME ?? preset?.model;
    if (!model) throw new Error('MODEL_NAME is required with a custom OPENAI_BASE_URL (the model id the endpoint serves)');
    const apiKey = env.OPENAI_API_KEY ?? (presetName.startsWith('dashscope') ? env.DASHSCOPE_API_KEY : undefined);
    if (!apiKey && preset?.needsKey) throw new Error(`OPENAI_API_KEY is required for MODEL_PRESET=${presetName}`);
    // Local servers ignore the key, but the OpenAI client insists on one.
    return { provider: 'openai', baseUrl, apiKey: apiKey ?? 'not-needed', model, temperature, preset: presetName as OpenAiPreset | 'custom' };
  }
  if (provider === 'llama-cpp') {
    if (!env.MODEL_PATH) throw new Error('MODEL_PROVIDER=llama-cpp needs MODEL_PATH: the path of a .gguf model file');
    return {
      provider: 'llama-cpp',
      modelPath: env.MODEL_PATH,
      temperature,
      maxTokens: positiveInt(env, 'MODEL_MAX_TOKENS'),
      threads: positiveInt(env, 'MODEL_THREADS'),
      contextSize: positiveInt(env, 'MODEL_CONTEXT_SIZE'),
    };
  }
  throw new Error(`MODEL_PROVIDER must be one of ${PROVIDERS.join(', ')}, got "${provider}"`);
}

function positiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}
