import { describe, it } from 'vitest';
import { openQdrantStore } from './qdrant-store.ts';
import { describeStoreConformance } from './store-conformance.ts';

const url = process.env.QDRANT_URL;

if (url) {
  describeStoreConformance('qdrant', async (prefix) => {
    const open = () => openQdrantStore({ url, apiKey: process.env.QDRANT_API_KEY, collectionPrefix: `${prefix}_` });
    const store = open();
    return {
      store,
      reopen: async () => open(),
      cleanup: async () => store.dropCollection(`${prefix}_items`),
    };
  });
} else {
  describe('VectorStore conformance: qdrant', () => {
    it.skip('skipped: set QDRANT_URL (e.g. http://127.0.0.1:6333) to run the conformance suite against Qdrant', () => {});
  });
}
