import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEmbeddedStore } from './embedded-store.ts';
import { describeStoreConformance } from './store-conformance.ts';
import type { VectorStore } from './vector-store.ts';

describeStoreConformance('embedded', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'knowledge-store-'));
  let store: VectorStore = await openEmbeddedStore({ dir });
  return {
    store,
    reopen: async () => {
      await store.close();
      store = await openEmbeddedStore({ dir });
      return store;
    },
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('embedded store errors', () => {
  it('names a missing collection and the command that creates it', async () => {
    const store = await openEmbeddedStore();
    await expect(store.count('products')).rejects.toThrow(/collection "products" does not exist; run the ingest first/);
  });

  it('refuses a dense vector of the wrong size, storing nothing', async () => {
    const store = await openEmbeddedStore();
    await store.ensureCollection({ name: 'c', denseSize: 2, indexes: [] });
    const point = { id: 'x', sparse: { indices: [1], values: [1] }, dense: [1, 2, 3], payload: {} };
    await expect(store.upsert('c', [point])).rejects.toThrow(/3 dimensions, collection "c" expects 2/);
    expect(await store.count('c')).toBe(0);
  });
});
