import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{graph,knowledge,evals}/src/**/*.test.ts', 'mcp-servers/*/src/**/*.test.ts'],
    pool: 'forks',
    // Two cores here and in CI. Test files in a worker share one module graph (isolate: false), so each worker
    // starts PGlite once (kit/src/testing/test-database.ts); tests isolate themselves by schema prefix.
    maxWorkers: 2,
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: {
      TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      TEST_REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15',
    },
  },
});
