import { describe, expect, it } from 'vitest';
import { TauBenchCatalog } from '../catalog/tau-bench-catalog.ts';
import type { EmbeddingProvider } from '../embeddings/embedding-provider.ts';
import { KnowledgeBase } from '../knowledge-base.ts';
import { openEmbeddedStore } from '../store/embedded-store.ts';
import type { VectorStore } from '../store/vector-store.ts';

const fake = (model: string, size: number): EmbeddingProvider => ({
  model,
  embed: async (texts) => texts.map((t) => Array.from({ length: size }, (_, i) => ((t.length * (i + 1)) % 7) + 1)),
});

async function ingested(store: VectorStore, embeddings?: EmbeddingProvider): Promise<void> {
  const kb = await KnowledgeBase.open({ store, embeddings });
  const catalog = await TauBenchCatalog.load();
  const { products } = await catalog.snapshot();
  await kb.products.rebuild(products.slice(0, 5));
  await kb.ensurePolicies();
}

describe('embeddings configuration against an existing index', () => {
  it('reports an index built without embeddings as not ready once embeddings are configured, until it is rebuilt', async () => {
    const store = await openEmbeddedStore();
    await ingested(store);
    const kb = await KnowledgeBase.open({ store, embeddings: fake('model-a', 4) });
    expect(kb.products.ready).toBe(false);
    expect(kb.products.notReady).toMatch(/built with no embeddings but embeddings model "model-a" is configured: run `pnpm knowledge ingest`/);
    await expect(kb.products.search('kettle')).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    expect(kb.policies.isCurrent(kb.library)).toBe(false);
    expect(await kb.ensurePolicies()).toBeGreaterThan(0);
    expect(kb.policies.isCurrent(kb.library)).toBe(true);
    await kb.products.rebuild((await (await TauBenchCatalog.load()).snapshot()).products.slice(0, 5));
    expect(kb.products.ready).toBe(true);
    expect((await kb.products.search('kettle')).hits.length).toBeGreaterThan(0);
  });

  it('detects a switch to another model of the same size, and a model whose vectors changed size', async () => {
    const store = await openEmbeddedStore();
    await ingested(store, fake('model-a', 4));
    const switched = await KnowledgeBase.open({ store, embeddings: fake('model-b', 4) });
    expect(switched.products.notReady).toMatch(/built with embeddings model "model-a" but embeddings model "model-b"/);
    expect(switched.policies.isCurrent(switched.library)).toBe(false);
    const resized = await KnowledgeBase.open({ store, embeddings: fake('model-a', 8) });
    expect(resized.products.ready).toBe(true);
    await expect(resized.products.search('kettle')).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringMatching(/4-dimensional embeddings but the configured model returns 8/) });
    await expect(resized.policies.search('refund')).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    const same = await KnowledgeBase.open({ store, embeddings: fake('model-a', 4) });
    expect(same.products.ready).toBe(true);
    expect(same.policies.isCurrent(same.library)).toBe(true);
  });

  it('names the catalog a built index came from, and never counts it as empty (a server only fills an empty one)', async () => {
    const store = await openEmbeddedStore();
    const kb = await KnowledgeBase.open({ store });
    expect(kb.products.empty).toBe(true);
    const { products } = await (await TauBenchCatalog.load()).snapshot();
    await kb.products.rebuild(products.slice(0, 5), { source: 'synthetic' });
    const reopened = await KnowledgeBase.open({ store, embeddings: fake('model-a', 4) });
    expect(reopened.products.empty).toBe(false);
    expect(reopened.products.ready).toBe(false);
    expect(reopened.products.notReady).toContain('rebuild it from the catalog it was built from ("synthetic"), e.g. `pnpm knowledge ingest --source synthetic` with the same --variants and --seed');
  });
});
