import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CatalogProduct } from '../catalog/catalog-types.ts';
import type { KnowledgeBase } from '../knowledge-base.ts';
import { miniSearchPolicies, miniSearchProducts } from './minisearch-baseline.ts';
import type { JudgedQuery } from './product-judgments.ts';
import { hitAt, mean, ndcgAt, percentile, recallAt } from './ranking-metrics.ts';

const data = (file: string) => fileURLToPath(new URL(`../../bench-data/${file}`, import.meta.url));

export interface ProductQuality {
  system: string;
  queries: number;
  ndcg10: number;
  recall50: number;
  p50ms: number;
  p99ms: number;
  byKind: Record<string, number>;
}

async function evaluate(system: string, queries: readonly JudgedQuery[], search: (q: string) => Promise<string[]> | string[]): Promise<ProductQuality> {
  const ndcg: number[] = [];
  const recall: number[] = [];
  const latency: number[] = [];
  const byKind: Record<string, number[]> = {};
  for (const q of queries.slice(0, 20)) await search(q.query); // warm-up: compiled patterns, JIT
  for (const q of queries) {
    const started = performance.now();
    const ranked = await search(q.query);
    latency.push(performance.now() - started);
    const n = ndcgAt(ranked, q.relevance, 10);
    ndcg.push(n);
    recall.push(recallAt(ranked, q.relevance, 50));
    (byKind[q.kind] ??= []).push(n);
  }
  return {
    system,
    queries: queries.length,
    ndcg10: mean(ndcg),
    recall50: mean(recall),
    p50ms: percentile(latency, 50),
    p99ms: percentile(latency, 99),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, mean(v)])),
  };
}

/** nDCG@10 / recall@50 of our index (with and without query understanding) and MiniSearch on the judged set. */
export async function productQuality(kb: KnowledgeBase, products: readonly CatalogProduct[]): Promise<ProductQuality[]> {
  const queries = JSON.parse(await readFile(data('product-queries.json'), 'utf8')) as JudgedQuery[];
  const mini = miniSearchProducts(products);
  const ids = (r: { hits: { variant_id: string }[] }) => r.hits.map((h) => h.variant_id);
  return [
    await evaluate('knowledge (BM25 + typo tolerance + query understanding)', queries, async (q) => ids(await kb.products.search(q, { limit: 50 }))),
    await evaluate('knowledge, no query understanding (ablation)', queries, async (q) => ids(await kb.products.search(q, { limit: 50, understand: false }))),
    await evaluate('MiniSearch 7.2 (prefix + fuzzy 0.2, same fields and boosts)', queries, (q) => mini.search(q, 50)),
  ];
}

export interface PolicyQuality {
  system: string;
  queries: number;
  hit1: number;
  hit3: number;
}

export async function policyQuality(kb: KnowledgeBase): Promise<PolicyQuality[]> {
  const queries = JSON.parse(await readFile(data('policy-queries.json'), 'utf8')) as { query: string; section: string }[];
  const mini = miniSearchPolicies(kb.library.chunks);
  const run = async (system: string, search: (q: string) => Promise<string[]> | string[]): Promise<PolicyQuality> => {
    const hit1: number[] = [];
    const hit3: number[] = [];
    for (const q of queries) {
      const ranked = await search(q.query);
      hit1.push(hitAt(ranked, q.section, 1));
      hit3.push(hitAt(ranked, q.section, 3));
    }
    return { system, queries: queries.length, hit1: mean(hit1), hit3: mean(hit3) };
  };
  return [
    await run('knowledge (BM25, stemming)', async (q) => (await kb.policies.search(q, { limit: 3 })).map((h) => h.chunk_id)),
    await run('MiniSearch 7.2 (prefix + fuzzy 0.2)', (q) => mini(q, 3)),
  ];
}
