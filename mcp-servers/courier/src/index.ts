#!/usr/bin/env -S npx tsx
/**
 * Runs the courier MCP server: stdio by default, Streamable HTTP with `--transport http [--port N] [--host H]`.
 * Data: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite (in COURIER_DATA_DIR, or in memory).
 */
import { runServerCli } from '@agentic-commerce/kit';
import { createCourierServer } from './server.ts';
import { courierMigrations } from './store/migrations.ts';
import { sqlCourierBackend } from './store/sql-courier-backend.ts';

await runServerCli({
  name: 'courier',
  defaultPort: 3103,
  migrations: courierMigrations,
  backend: ({ schema }) => sqlCourierBackend(schema),
  createServer: (options) => createCourierServer(options),
});
