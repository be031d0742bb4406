import { runBenchSequence } from './bench-sequence.ts';

/**
 * `pnpm --filter @agentic-commerce/kit bench [-- --ops 4000 --concurrency 8 --network-delay-ms 1 --calls 20000 …]`:
 * the action layer against a bare transaction on PostgreSQL (with `ledger verify`), PostgreSQL's floor under that ratio
 * (the layer's records written by pgbench, no Node), then the layer's own CPU per write.
 */
await runBenchSequence([
  { script: new URL('./action-layer-bench.ts', import.meta.url), options: ['ops', 'concurrency', 'entries', 'rounds', 'network-delay-ms', 'network-ops'] },
  { script: new URL('./postgres-floor.ts', import.meta.url), options: ['concurrency', 'floor-seconds', 'floor-rounds'] },
  { script: new URL('./layer-cpu.ts', import.meta.url), options: ['calls'] },
]);
