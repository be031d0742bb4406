import { runBenchSequence } from './bench-sequence.ts';

/**
 * `pnpm --filter @agentic-commerce/kit bench [-- --ops 4000 --concurrency 8 --network-delay-ms 1 --calls 20000 …]`:
 * the action layer against a bare transaction on PostgreSQL (with `ledger verify`), then the layer's own CPU per write.
 */
await runBenchSequence([
  { script: new URL('./action-layer-bench.ts', import.meta.url), options: ['ops', 'concurrency', 'entries', 'rounds', 'network-delay-ms', 'network-ops'] },
  { script: new URL('./layer-cpu.ts', import.meta.url), options: ['calls'] },
]);
