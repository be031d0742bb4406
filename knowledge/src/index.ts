#!/usr/bin/env -S npx tsx
/**
 * Runs the knowledge MCP server: stdio by default, Streamable HTTP with `--transport http [--port N] [--host H]`.
 * Index: the embedded store in KNOWLEDGE_DATA_DIR (default .data/knowledge) or Qdrant (KNOWLEDGE_STORE=qdrant).
 * An empty index is filled from the τ-bench catalog on start (KNOWLEDGE_AUTO_INGEST=0 turns that off).
 * The action layer's database: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite.
 */
import { parseArgs } from 'node:util';
import { createActionRuntime, openDatabase, serveHttp, serveStdio, setupTracing } from '@agentic-commerce/kit';
import { principalFromEnv } from '@agentic-commerce/kit/identity/principal-from-env';
import { tokenAuthenticator } from '@agentic-commerce/kit/identity/token';
import { loadTokenSecret } from '@agentic-commerce/kit/identity/token-secret';
import { TauBenchCatalog } from './catalog/tau-bench-catalog.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { knowledgeConfigFromEnv, openConfiguredStore } from './knowledge-config.ts';
import { createKnowledgeServer } from './server.ts';

const { values } = parseArgs({
  options: {
    transport: { type: 'string', default: 'stdio' },
    port: { type: 'string', default: process.env.KNOWLEDGE_PORT ?? '3105' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
if (values.transport !== 'stdio' && values.transport !== 'http') {
  throw new Error(`--transport must be "stdio" or "http", got "${values.transport}"`);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a number from 0 to 65535, got "${values.port}"`);

const config = knowledgeConfigFromEnv();
const kb = await KnowledgeBase.open({ store: await openConfiguredStore(config), embeddings: config.embeddings });
if (!kb.products.ready && process.env.KNOWLEDGE_AUTO_INGEST !== '0') {
  process.stderr.write('knowledge: the product index is empty; ingesting the τ-bench catalog\n');
  await kb.ingest(await TauBenchCatalog.load());
}
await kb.ensurePolicies();

const db = await openDatabase({ dataDir: process.env.KNOWLEDGE_DB_DIR });
// Spans go to OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; metrics are served at GET /metrics over HTTP.
setupTracing();
const runtime = createActionRuntime({ db, defaultPrincipal: principalFromEnv() });
// Migrate the kit schema (ledger, approvals, idempotency) before serving, so /metrics can count approvals at once.
await runtime.ready();
const create = () => createKnowledgeServer({ runtime, backend: () => kb });

if (values.transport === 'stdio') {
  await serveStdio(create());
} else {
  const handle = await serveHttp({ createServer: create, authenticate: tokenAuthenticator(loadTokenSecret()), host: values.host, port, metrics: runtime.metrics.registry });
  process.stderr.write(`knowledge MCP server listening on ${handle.url}\n`);
}
