import { syntheticCatalog } from '../catalog/synthetic-catalog.ts';
import { ProductIndex } from '../index/product-index.ts';
import { openEmbeddedStore } from '../store/embedded-store.ts';
import { miniSearchProducts } from './minisearch-baseline.ts';
import { productJudgments } from './product-judgments.ts';
import { mean, percentile } from './ranking-metrics.ts';

export interface SpeedResult {
  system: string;
  variants: number;
  indexPerSecond: number;
  queries: number;
  p50ms: number;
  p99ms: number;
  qps: number;
}

function timings(samples: number[], system: string, variants: number, indexSeconds: number): SpeedResult {
  return {
    system,
    variants,
    indexPerSecond: variants / indexSeconds,
    queries: samples.length,
    p50ms: percentile(samples, 50),
    p99ms: percentile(samples, 99),
    qps: 1000 / mean(samples),
  };
}

/**
 * Indexing throughput and sequential query latency on a synthetic catalog of `variants` variants, for our embedded
 * store (in memory; persistence is a separate JSON write) and MiniSearch. Queries: the judged-query generator run on
 * a deterministic sample of 100 products (names, attributes, paraphrases, typos, prices); each system runs them once
 * to warm up and is timed on a second pass.
 */
export async function speedAt(variants: number): Promise<SpeedResult[]> {
  const products = syntheticCatalog(variants, 42);
  const sample = products.filter((_, i) => i % Math.max(1, Math.floor(products.length / 100)) === 0).slice(0, 100);
  const queries = productJudgments(sample, 11).map((q) => q.query);

  const index = await ProductIndex.open(await openEmbeddedStore());
  let started = performance.now();
  await index.rebuild(products);
  const oursIndexSeconds = (performance.now() - started) / 1000;
  for (const q of queries) await index.search(q, { limit: 10 }); // warm-up pass (JIT, GC after the bulk load); the second pass is measured
  const ours: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await index.search(q, { limit: 10 });
    ours.push(performance.now() - t);
  }

  started = performance.now();
  const mini = miniSearchProducts(products);
  const miniIndexSeconds = (performance.now() - started) / 1000;
  for (const q of queries) mini.search(q, 10);
  const theirs: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    mini.search(q, 10);
    theirs.push(performance.now() - t);
  }
  return [timings(ours, 'knowledge (embedded)', variants, oursIndexSeconds), timings(theirs, 'MiniSearch 7.2', variants, miniIndexSeconds)];
}
