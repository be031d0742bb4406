import { z } from 'zod';
import { CommerceError } from '@agentic-commerce/kit/errors';

/** Turns texts into dense vectors. Optional: without one, retrieval is lexical (BM25) only. */
export interface EmbeddingProvider {
  /** Identifies the model, kept in collection metadata so a model change is detected. */
  readonly model: string;
  embed(texts: readonly string[]): Promise<number[][]>;
}

export interface OpenAiEmbeddingsOptions {
  /** Base URL of an OpenAI-compatible API, e.g. "http://127.0.0.1:8080/v1" (POST {baseUrl}/embeddings). */
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  /** Texts per request. */
  batchSize?: number | undefined;
}

const responseSchema = z.object({ data: z.array(z.object({ index: z.number().int(), embedding: z.array(z.number()) })) });

/** An OpenAI-compatible /embeddings endpoint (OpenAI, vLLM, llama.cpp server, Ollama's /v1, LiteLLM, ...). */
export function openAiEmbeddings(options: OpenAiEmbeddingsOptions): EmbeddingProvider {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
  const batchSize = options.batchSize ?? 64;
  return {
    model: options.model,
    async embed(texts) {
      const vectors: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const input = texts.slice(i, i + batchSize);
        let response: Response;
        try {
          response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
            body: JSON.stringify({ model: options.model, input }),
          });
        } catch (cause) {
          throw new CommerceError('UNAVAILABLE', `embeddings endpoint ${url} is unreachable: ${(cause as Error).message}`, { cause });
        }
        if (!response.ok) {
          throw new CommerceError('UNAVAILABLE', `embeddings endpoint ${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
        }
        const parsed = responseSchema.safeParse(await response.json());
        if (!parsed.success || parsed.data.data.length !== input.length) {
          throw new CommerceError('UNAVAILABLE', `embeddings endpoint ${url} returned an unexpected body (want { data: [{ index, embedding }] } with one entry per input)`);
        }
        vectors.push(...[...parsed.data.data].sort((a, b) => a.index - b.index).map((d) => d.embedding));
      }
      return vectors;
    },
  };
}

/** The provider configured by KNOWLEDGE_EMBEDDINGS_URL / _MODEL / _API_KEY, or undefined (lexical only). */
export function embeddingsFromEnv(env: NodeJS.ProcessEnv = process.env): EmbeddingProvider | undefined {
  const baseUrl = env.KNOWLEDGE_EMBEDDINGS_URL;
  if (!baseUrl) return undefined;
  const model = env.KNOWLEDGE_EMBEDDINGS_MODEL;
  if (!model) throw new Error('KNOWLEDGE_EMBEDDINGS_URL is set but KNOWLEDGE_EMBEDDINGS_MODEL is not: name the embedding model, e.g. text-embedding-3-small');
  return openAiEmbeddings({ baseUrl, model, apiKey: env.KNOWLEDGE_EMBEDDINGS_API_KEY });
}
