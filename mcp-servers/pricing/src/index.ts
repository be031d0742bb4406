#!/usr/bin/env -S npx tsx
/**
 * Runs the pricing MCP server: stdio by default, Streamable HTTP with `--transport http [--port N] [--host H]`.
 * Data: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite (in PRICING_DATA_DIR, or in memory).
 */
import { runServerCli } from '@agentic-commerce/kit';
import { createPricingServer } from './server.ts';
import { pricingMigrations } from './store/migrations.ts';
import { sqlPricingBackend } from './store/sql-pricing-backend.ts';

await runServerCli({
  name: 'pricing',
  defaultPort: 3104,
  migrations: pricingMigrations,
  backend: ({ schema }) => sqlPricingBackend(schema),
  createServer: (options) => createPricingServer(options),
});
