import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, knowledgeConfigFromEnv } from './knowledge-config.ts';

describe('knowledgeConfigFromEnv', () => {
  it('defaults to the embedded store under the repository .data directory, lexical only', () => {
    expect(knowledgeConfigFromEnv({})).toMatchObject({ store: 'embedded', dataDir: DEFAULT_DATA_DIR, collectionPrefix: '', embeddings: undefined });
    expect(DEFAULT_DATA_DIR).toMatch(/\.data\/knowledge$/);
  });

  it('says what is accepted for a bad store, a Qdrant store without a URL, or a bad prefix', () => {
    expect(() => knowledgeConfigFromEnv({ KNOWLEDGE_STORE: 'elastic' })).toThrow(/KNOWLEDGE_STORE must be "embedded" or "qdrant", got "elastic"/);
    expect(() => knowledgeConfigFromEnv({ KNOWLEDGE_STORE: 'qdrant' })).toThrow(/needs QDRANT_URL/);
    expect(() => knowledgeConfigFromEnv({ KNOWLEDGE_COLLECTION_PREFIX: 'a b' })).toThrow(/may only use A-Z a-z 0-9 _ -/);
    expect(knowledgeConfigFromEnv({ KNOWLEDGE_STORE: 'qdrant', QDRANT_URL: 'http://127.0.0.1:6333' }).store).toBe('qdrant');
  });
});
