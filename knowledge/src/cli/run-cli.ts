/**
 * The knowledge CLI's commands (entry: knowledge.ts):
 * pnpm knowledge ingest [--source tau-bench|synthetic] [--variants N] [--seed S]   full ingest (progress bar)
 * pnpm knowledge reindex [--source ...]        incremental: re-index only what changed (content hashes)
 * pnpm knowledge apply <events.jsonl>          incremental: apply catalog/price/stock change events
 * pnpm knowledge search "<query>" [--policies] [--limit N] [--json]
 * pnpm knowledge status
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { catalogEventSchema, type CatalogProduct } from '../catalog/catalog-types.ts';
import { syntheticCatalog } from '../catalog/synthetic-catalog.ts';
import { TauBenchCatalog } from '../catalog/tau-bench-catalog.ts';
import { KnowledgeBase } from '../knowledge-base.ts';
import { knowledgeConfigFromEnv, openConfiguredStore } from '../knowledge-config.ts';
import { formatPolicyHits, formatProductResult } from './format-results.ts';
import { progressBar } from './progress-bar.ts';

const USAGE = `usage: pnpm knowledge <command>
  ingest [--source tau-bench|synthetic] [--variants N] [--seed S]   full ingest of catalog and policies
  reindex [--source tau-bench|synthetic] [--variants N] [--seed S]  re-index only changed variants
  apply <events.jsonl>                                              apply change events (one JSON per line)
  search "<query>" [--policies] [--limit N] [--json]                search products (or policies)
  status                                                            what the index holds`;

/** Where the CLI writes: results to `out`, progress to `progress` (a stream, for the bar). */
export interface CliOutput {
  out: (line: string) => void;
  progress: NodeJS.WriteStream;
}

/** Runs one CLI command; errors propagate to the caller (the entry prints them and sets the exit code). */
export async function runCli(argv: string[], io: CliOutput = { out: (line) => io.out(line), progress: process.stderr }): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      source: { type: 'string', default: 'tau-bench' },
      variants: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '42' },
      policies: { type: 'boolean', default: false },
      limit: { type: 'string', default: '10' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) return void io.out(USAGE);
  const config = knowledgeConfigFromEnv();
  const kb = await KnowledgeBase.open({ store: await openConfiguredStore(config), embeddings: config.embeddings });
  try {
    switch (command) {
      case 'ingest': {
        const { products, cursor, name } = await loadSource(values.source, values.variants, values.seed);
        const bar = progressBar('variants', io.progress);
        const started = performance.now();
        const variants = await kb.products.rebuild(products, { cursor, source: name, onProgress: bar.update });
        bar.finish();
        const chunks = await kb.policies.rebuild(kb.library);
        const seconds = (performance.now() - started) / 1000;
        io.out(`indexed ${variants} variants from ${name} and ${chunks} policy sections into the ${kb.store.kind} store in ${seconds.toFixed(1)} s`);
        return;
      }
      case 'reindex': {
        const { products } = await loadSource(values.source, values.variants, values.seed);
        const result = await kb.products.reconcile(products);
        const chunks = await kb.ensurePolicies();
        io.out(`re-indexed ${result.upserted} changed variants, removed ${result.deleted}, kept ${result.unchanged}; ${chunks} policy sections updated`);
        return;
      }
      case 'apply': {
        const file = rest[0];
        if (!file) throw new Error('apply needs a file of change events (JSON lines), e.g. pnpm knowledge apply events.jsonl');
        const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim());
        const events = lines.map((line, i) => {
          const parsed = catalogEventSchema.safeParse(JSON.parse(line));
          if (!parsed.success) throw new Error(`${file}:${i + 1}: not a catalog event (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}); types: product.upserted, product.deleted, variant.price_changed, variant.availability_changed`);
          return parsed.data;
        });
        const result = await kb.products.apply(events);
        io.out(`applied ${events.length} events: ${result.upserted} variants upserted, ${result.deleted} deleted, ${result.patched} patched`);
        return;
      }
      case 'search': {
        const query = rest.join(' ').trim();
        if (!query) throw new Error('search needs a query, e.g. pnpm knowledge search "wireless headphones under $300"');
        const limit = Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new Error(`--limit must be a whole number from 1 to 50, got "${values.limit}"`);
        if (values.policies) {
          const hits = await kb.policies.search(query, { limit });
          io.out(values.json ? JSON.stringify(hits, null, 2) : formatPolicyHits(hits));
        } else {
          const result = await kb.products.search(query, { limit });
          io.out(values.json ? JSON.stringify(result, null, 2) : formatProductResult(result));
        }
        return;
      }
      case 'status': {
        const products = kb.products.ready ? await kb.store.count('products') : 0;
        const sections = kb.policies.isCurrent(kb.library) ? await kb.store.count('policies') : 0;
        io.out(`${kb.store.kind} store: ${products} variants indexed, ${sections} current policy sections`);
        if (kb.products.notReady) io.out(kb.products.notReady);
        return;
      }
      default:
        throw new Error(`unknown command "${command}"\n${USAGE}`);
    }
  } finally {
    await kb.close();
  }
}

async function loadSource(source: string | undefined, variants: string | undefined, seed: string | undefined): Promise<{ products: CatalogProduct[]; cursor: string; name: string }> {
  if (source === 'tau-bench') {
    const snapshot = await (await TauBenchCatalog.load()).snapshot();
    return { ...snapshot, name: 'tau-bench' };
  }
  if (source === 'synthetic') {
    const count = Number(variants);
    const s = Number(seed);
    if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new Error(`--variants must be a whole number from 1 to 1000000, got "${variants}"`);
    if (!Number.isInteger(s)) throw new Error(`--seed must be a whole number, got "${seed}"`);
    return { products: syntheticCatalog(count, s), cursor: '0', name: `synthetic-${count}-seed-${s}` };
  }
  throw new Error(`--source must be "tau-bench" or "synthetic", got "${source}"`);
}

