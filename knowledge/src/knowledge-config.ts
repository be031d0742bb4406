import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { embeddingsFromEnv, type EmbeddingProvider } from './embeddings/embedding-provider.ts';
import { openEmbeddedStore } from './store/embedded-store.ts';
import { openQdrantStore } from './store/qdrant-store.ts';
import type { VectorStore } from './store/vector-store.ts';

export interface KnowledgeConfig {
  store: 'embedded' | 'qdrant';
  /** Embedded store directory. */
  dataDir: string;
  qdrantUrl?: string | undefined;
  qdrantApiKey?: string | undefined;
  collectionPrefix: string;
  embeddings: EmbeddingProvider | undefined;
}

/** `<repository root>/.data/knowledge`, the same wherever a command runs from. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../.data/knowledge', import.meta.url));

/**
 * KNOWLEDGE_STORE (embedded | qdrant; default embedded), KNOWLEDGE_DATA_DIR (default <repo>/.data/knowledge),
 * QDRANT_URL, QDRANT_API_KEY, KNOWLEDGE_COLLECTION_PREFIX, KNOWLEDGE_EMBEDDINGS_URL/_MODEL/_API_KEY.
 */
export function knowledgeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): KnowledgeConfig {
  const store = env.KNOWLEDGE_STORE ?? 'embedded';
  if (store !== 'embedded' && store !== 'qdrant') throw new Error(`KNOWLEDGE_STORE must be "embedded" or "qdrant", got "${store}"`);
  if (store === 'qdrant' && !env.QDRANT_URL) throw new Error('KNOWLEDGE_STORE=qdrant needs QDRANT_URL, e.g. http://127.0.0.1:6333');
  const prefix = env.KNOWLEDGE_COLLECTION_PREFIX ?? '';
  if (!/^[A-Za-z0-9_-]*$/.test(prefix)) throw new Error(`KNOWLEDGE_COLLECTION_PREFIX may only use A-Z a-z 0-9 _ -, got "${prefix}"`);
  return {
    store,
    dataDir: env.KNOWLEDGE_DATA_DIR ? resolve(env.KNOWLEDGE_DATA_DIR) : DEFAULT_DATA_DIR,
    qdrantUrl: env.QDRANT_URL,
    qdrantApiKey: env.QDRANT_API_KEY,
    collectionPrefix: prefix,
    embeddings: embeddingsFromEnv(env),
  };
}

export async function openConfiguredStore(config: KnowledgeConfig): Promise<VectorStore> {
  if (config.store === 'qdrant') {
    return openQdrantStore({ url: config.qdrantUrl as string, apiKey: config.qdrantApiKey, collectionPrefix: config.collectionPrefix });
  }
  return openEmbeddedStore({ dir: config.collectionPrefix ? resolve(config.dataDir, config.collectionPrefix) : config.dataDir });
}
