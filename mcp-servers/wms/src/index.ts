#!/usr/bin/env -S npx tsx
/**
 * Runs the WMS MCP server: stdio by default, Streamable HTTP with `--transport http [--port N] [--host H]`.
 * Data: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite (in WMS_DATA_DIR, or in memory).
 */
import { runServerCli } from '@agentic-commerce/kit';
import { createWmsServer } from './server.ts';
import { wmsMigrations } from './store/migrations.ts';
import { sqlWmsBackend } from './store/sql-wms-backend.ts';

await runServerCli({
  name: 'wms',
  defaultPort: 3102,
  migrations: wmsMigrations,
  backend: ({ schema }) => sqlWmsBackend(schema),
  createServer: (options) => createWmsServer(options),
});
