#!/usr/bin/env -S npx tsx
/**
 * Knowledge benchmark (pnpm bench, or pnpm --filter @agentic-commerce/knowledge bench): retrieval quality on the
 * judged τ-bench query sets against MiniSearch, then speed at 10k and 100k synthetic variants
 * (KNOWLEDGE_BENCH_SIZES=10000,100000 to change). Prints Markdown and writes .data/bench/knowledge.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { TauBenchCatalog } from '../catalog/tau-bench-catalog.ts';
import { KnowledgeBase } from '../knowledge-base.ts';
import { openEmbeddedStore } from '../store/embedded-store.ts';
import { policyQuality, productQuality } from './quality-bench.ts';
import { speedAt } from './speed-bench.ts';

const f3 = (n: number) => n.toFixed(3);
const f2 = (n: number) => n.toFixed(2);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

const sizes = (process.env.KNOWLEDGE_BENCH_SIZES ?? '10000,100000').split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error(`KNOWLEDGE_BENCH_SIZES must be whole numbers ≥ 100, comma-separated; got "${process.env.KNOWLEDGE_BENCH_SIZES}"`);

console.log(`# Knowledge benchmark (${new Date().toISOString()}, Node ${process.version}, ${cpus().length} CPUs: ${cpus()[0]?.model ?? 'unknown'})\n`);
const catalog = await TauBenchCatalog.load();
const { products } = await catalog.snapshot();
const kb = await KnowledgeBase.open({ store: await openEmbeddedStore() });
await kb.ingest(catalog);

const products_ = await productQuality(kb, products);
console.log(`## Products: τ-bench catalog (${products.flatMap((p) => p.variants).length} variants), ${products_[0]?.queries} judged queries\n`);
const kinds = Object.keys(products_[0]?.byKind ?? {});
console.log(`| system | nDCG@10 | recall@50 | p50 ms | p99 ms | ${kinds.map((k) => `nDCG@10 ${k}`).join(' | ')} |`);
console.log(`|---|---|---|---|---|${kinds.map(() => '---').join('|')}|`);
for (const r of products_) console.log(`| ${r.system} | ${f3(r.ndcg10)} | ${f3(r.recall50)} | ${f2(r.p50ms)} | ${f2(r.p99ms)} | ${kinds.map((k) => f3(r.byKind[k] ?? 0)).join(' | ')} |`);

const policies = await policyQuality(kb);
console.log(`\n## Policies: ${kb.library.chunks.length} sections, ${policies[0]?.queries} questions\n`);
console.log('| system | hit@1 | hit@3 |\n|---|---|---|');
for (const r of policies) console.log(`| ${r.system} | ${f3(r.hit1)} | ${f3(r.hit3)} |`);

const speed = [];
console.log('\n## Speed: synthetic catalog, sequential queries on one core\n');
console.log('| system | variants | indexing variants/s | queries | p50 ms | p99 ms | QPS |\n|---|---|---|---|---|---|---|');
for (const size of sizes) {
  for (const r of await speedAt(size)) {
    speed.push(r);
    console.log(`| ${r.system} | ${int(r.variants)} | ${int(r.indexPerSecond)} | ${r.queries} | ${f2(r.p50ms)} | ${f2(r.p99ms)} | ${int(r.qps)} |`);
  }
}
await mkdir('.data/bench', { recursive: true });
await writeFile('.data/bench/knowledge.json', JSON.stringify({ at: new Date().toISOString(), products: products_, policies, speed }, null, 2));
console.log('\nwrote .data/bench/knowledge.json');
