#!/usr/bin/env -S npx tsx
/**
 * Runs the OMS MCP server: stdio by default, Streamable HTTP with `--transport http [--port N] [--host H]`.
 * Data: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite (in OMS_DATA_DIR, or in memory).
 * `--seed tau-bench` loads the τ-bench retail data when the OMS is empty.
 */
import { runServerCli } from '@agentic-commerce/kit';
import { importTauBench, readTauBenchData } from './import/tau-bench.ts';
import { createOmsServer } from './server.ts';
import { omsMigrations } from './store/migrations.ts';
import { sqlOmsBackend } from './store/sql-oms-backend.ts';

await runServerCli({
  name: 'oms',
  defaultPort: 3101,
  flags: { seed: ['tau-bench'] },
  migrations: omsMigrations,
  async backend({ db, schema, args }) {
    const backend = sqlOmsBackend(schema);
    if (args.flags.seed === 'tau-bench' && (await backend(db).listProductTypes()).length === 0) {
      const data = await readTauBenchData();
      const counts = await db.transaction((tx) => importTauBench(backend(tx), data));
      process.stderr.write(`oms: loaded τ-bench retail data (${counts.users} users, ${counts.orders} orders, ${counts.products} products)\n`);
    }
    return backend;
  },
  createServer: (options) => createOmsServer(options),
});
