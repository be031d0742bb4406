import { runBenchSequence } from '@agentic-commerce/kit/bench/bench-sequence';

/**
 * `pnpm --filter @agentic-commerce/world bench [-- --orders 12000 --concurrency 8 --rounds 8]`: the generator's
 * orders per second (BENCH_ORDERS sets its size), then the action layer's cost on a real write (write-bench.ts).
 */
await runBenchSequence([
  { script: new URL('./generator-bench.ts', import.meta.url), options: [] },
  { script: new URL('./write-bench.ts', import.meta.url), options: ['orders', 'concurrency', 'rounds'] },
]);
