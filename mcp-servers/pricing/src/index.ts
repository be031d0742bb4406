#!/usr/bin/env -S npx tsx
/**
 * Runs the pricing MCP server: stdio by default, Streamable HTTP with `--transport http [--port N] [--host H]`.
 * Data: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite (in PRICING_DATA_DIR, or in memory).
 */
import { parseArgs } from 'node:util';
import { createActionRuntime, migrate, openDatabase, serveHttp, serveStdio, setupTracing } from '@agentic-commerce/kit';
import { principalFromEnv } from '@agentic-commerce/kit/identity/principal-from-env';
import { tokenAuthenticator } from '@agentic-commerce/kit/identity/token';
import { loadTokenSecret } from '@agentic-commerce/kit/identity/token-secret';
import { createPricingServer } from './server.ts';
import { pricingMigrations } from './store/migrations.ts';
import { sqlPricingBackend } from './store/sql-pricing-backend.ts';

const { values } = parseArgs({
  options: {
    transport: { type: 'string', default: 'stdio' },
    port: { type: 'string', default: process.env.PRICING_PORT ?? '3104' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
if (values.transport !== 'stdio' && values.transport !== 'http') throw new Error(`--transport must be "stdio" or "http", got "${values.transport}"`);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a number from 0 to 65535, got "${values.port}"`);

const schema = process.env.PRICING_SCHEMA ?? 'pricing';
const db = await openDatabase({ dataDir: process.env.PRICING_DATA_DIR });
await migrate(db, schema, pricingMigrations);
// Spans go to OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; metrics are served at GET /metrics over HTTP.
setupTracing();
const runtime = createActionRuntime({ db, defaultPrincipal: principalFromEnv() });
// Migrate the kit schema (ledger, approvals, idempotency) before serving, so /metrics can count approvals at once.
await runtime.ready();
const create = () => createPricingServer({ runtime, backend: sqlPricingBackend(schema) });

if (values.transport === 'stdio') {
  await serveStdio(create());
} else {
  const handle = await serveHttp({ createServer: create, authenticate: tokenAuthenticator(loadTokenSecret()), host: values.host, port, metrics: runtime.metrics.registry });
  process.stderr.write(`pricing MCP server listening on ${handle.url}\n`);
}
