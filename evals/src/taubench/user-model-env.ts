/** The user simulator's model settings: USER_* variables, falling back to the agent's OpenAI-compatible ones. */
export function userModelEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const pick = (name: string) => env[`USER_${name}`] ?? env[name];
  return { ...env, MODEL_PROVIDER: pick('MODEL_PROVIDER'), MODEL_PRESET: pick('MODEL_PRESET'), OPENAI_BASE_URL: pick('OPENAI_BASE_URL'), OPENAI_API_KEY: pick('OPENAI_API_KEY'), MODEL_NAME: pick('MODEL_NAME') };
}
