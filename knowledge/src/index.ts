#!/usr/bin/env -S npx tsx
/**
 * Runs the knowledge MCP server: stdio by default, Streamable HTTP with `--transport http [--port N] [--host H]`.
 * Index: the embedded store in KNOWLEDGE_DATA_DIR (default .data/knowledge) or Qdrant (KNOWLEDGE_STORE=qdrant).
 * An empty index (nothing ever ingested) is filled from the τ-bench catalog on start (KNOWLEDGE_AUTO_INGEST=0 turns
 * that off); an index built from another catalog is never replaced.
 * The action layer's database: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite (in KNOWLEDGE_DB_DIR).
 */
import { runServerCli } from '@agentic-commerce/kit';
import { TauBenchCatalog } from './catalog/tau-bench-catalog.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { knowledgeConfigFromEnv, openConfiguredStore } from './knowledge-config.ts';
import { createKnowledgeServer } from './server.ts';

await runServerCli({
  name: 'knowledge',
  defaultPort: 3105,
  dataDirEnv: 'KNOWLEDGE_DB_DIR',
  async backend() {
    const config = knowledgeConfigFromEnv();
    const kb = await KnowledgeBase.open({ store: await openConfiguredStore(config), embeddings: config.embeddings });
    // Only an index nothing was ever ingested into is filled on start: one built from another catalog (a retailer's,
    // a synthetic one) is never replaced, also when it is not ready (other embeddings configured) — that is reported.
    if (kb.products.empty && process.env.KNOWLEDGE_AUTO_INGEST !== '0') {
      process.stderr.write('knowledge: the product index is empty; ingesting the τ-bench catalog\n');
      await kb.ingest(await TauBenchCatalog.load());
    } else if (!kb.products.ready) {
      process.stderr.write(`knowledge: ${kb.products.notReady}; product searches answer FAILED_PRECONDITION until then\n`);
    }
    await kb.ensurePolicies();
    return () => kb;
  },
  createServer: (options) => createKnowledgeServer(options),
});
