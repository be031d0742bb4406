#!/usr/bin/env -S npx tsx
/**
 * Runs the WMS MCP server: stdio by default, Streamable HTTP with `--transport http [--port N] [--host H]`.
 * Data: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite (in WMS_DATA_DIR, or in memory).
 */
import { parseArgs } from 'node:util';
import {
  createActionRuntime,
  loadTokenSecret,
  migrate,
  openDatabase,
  principalFromEnv,
  serveHttp,
  serveStdio,
  tokenAuthenticator,
  setupTracing,
} from '@agentic-commerce/kit';
import { createWmsServer } from './server.ts';
import { wmsMigrations } from './store/migrations.ts';
import { sqlWmsBackend } from './store/sql-wms-backend.ts';

const { values } = parseArgs({
  options: {
    transport: { type: 'string', default: 'stdio' },
    port: { type: 'string', default: process.env.WMS_PORT ?? '3102' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
if (values.transport !== 'stdio' && values.transport !== 'http') {
  throw new Error(`--transport must be "stdio" or "http", got "${values.transport}"`);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a number from 0 to 65535, got "${values.port}"`);

const schema = process.env.WMS_SCHEMA ?? 'wms';
const db = await openDatabase({ dataDir: process.env.WMS_DATA_DIR });
await migrate(db, schema, wmsMigrations);
// Spans go to OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; metrics are served at GET /metrics over HTTP.
setupTracing();
const runtime = createActionRuntime({ db, defaultPrincipal: principalFromEnv() });
// Migrate the kit schema (ledger, approvals, idempotency) before serving, so /metrics can count approvals at once.
await runtime.ready();
const create = () => createWmsServer({ runtime, backend: sqlWmsBackend(schema) });

if (values.transport === 'stdio') {
  await serveStdio(create());
} else {
  const handle = await serveHttp({ createServer: create, authenticate: tokenAuthenticator(loadTokenSecret()), host: values.host, port, metrics: runtime.metrics.registry });
  process.stderr.write(`wms MCP server listening on ${handle.url}\n`);
}
