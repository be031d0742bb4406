#!/usr/bin/env -S npx tsx
/**
 * Runs the OMS MCP server: stdio by default, Streamable HTTP with `--transport http [--port N] [--host H]`.
 * Data: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite (in OMS_DATA_DIR, or in memory).
 * `--seed tau-bench` loads the τ-bench retail data when the OMS is empty.
 */
import { parseArgs } from 'node:util';
import { createActionRuntime, migrate, openDatabase, serveHttp, serveStdio, setupTracing } from '@agentic-commerce/kit';
import { principalFromEnv } from '@agentic-commerce/kit/identity/principal-from-env';
import { tokenAuthenticator } from '@agentic-commerce/kit/identity/token';
import { loadTokenSecret } from '@agentic-commerce/kit/identity/token-secret';
import { importTauBench, readTauBenchData } from './import/tau-bench.ts';
import { createOmsServer } from './server.ts';
import { omsMigrations } from './store/migrations.ts';
import { sqlOmsBackend } from './store/sql-oms-backend.ts';

const { values } = parseArgs({
  options: {
    transport: { type: 'string', default: 'stdio' },
    port: { type: 'string', default: process.env.OMS_PORT ?? '3101' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
  },
});
if (values.transport !== 'stdio' && values.transport !== 'http') throw new Error(`--transport must be "stdio" or "http", got "${values.transport}"`);
if (values.seed !== undefined && values.seed !== 'tau-bench') throw new Error(`--seed accepts only "tau-bench", got "${values.seed}"`);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a number from 0 to 65535, got "${values.port}"`);

const schema = process.env.OMS_SCHEMA ?? 'oms';
const db = await openDatabase({ dataDir: process.env.OMS_DATA_DIR });
await migrate(db, schema, omsMigrations);
const backend = sqlOmsBackend(schema);
if (values.seed === 'tau-bench' && (await backend(db).listProductTypes()).length === 0) {
  const data = await readTauBenchData();
  const counts = await db.transaction((tx) => importTauBench(backend(tx), data));
  process.stderr.write(`oms: loaded τ-bench retail data (${counts.users} users, ${counts.orders} orders, ${counts.products} products)\n`);
}
// Spans go to OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; metrics are served at GET /metrics over HTTP.
setupTracing();
const runtime = createActionRuntime({ db, defaultPrincipal: principalFromEnv() });
// Migrate the kit schema (ledger, approvals, idempotency) before serving, so /metrics can count approvals at once.
await runtime.ready();
const create = () => createOmsServer({ runtime, backend });

if (values.transport === 'stdio') {
  await serveStdio(create());
} else {
  const handle = await serveHttp({ createServer: create, authenticate: tokenAuthenticator(loadTokenSecret()), host: values.host, port, metrics: runtime.metrics.registry });
  process.stderr.write(`oms MCP server listening on ${handle.url}\n`);
}
