/** Known OpenAI-compatible endpoints: base URL and a sensible default model. Any field can be overridden by env. */
export const OPENAI_PRESETS = {
  openai: { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', needsKey: true },
  /** Alibaba Cloud Model Studio (DashScope), OpenAI-compatible mode; use dashscope-intl for the international region. */
  dashscope: { baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', model: 'qwen-plus', needsKey: true },
  'dashscope-intl': { baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', model: 'qwen-plus', needsKey: true },
  /** `vllm serve <model> --enable-auto-tool-choice --tool-call-parser hermes` */
  vllm: { baseUrl: 'http://127.0.0.1:8000/v1', model: 'Qwen/Qwen2.5-7B-Instruct', needsKey: false },
  /** `ollama serve`; tool calling needs a model that supports tools (e.g. qwen2.5, llama3.1). */
  ollama: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b', needsKey: false },
  /** `llama-server -m model.gguf --jinja` (the --jinja flag enables tool calling). */
  llamacpp: { baseUrl: 'http://127.0.0.1:8080/v1', model: 'local', needsKey: false },
} as const;

export type OpenAiPreset = keyof typeof OPENAI_PRESETS;
export const PRESET_NAMES = Object.keys(OPENAI_PRESETS) as OpenAiPreset[];
