import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

export interface LatencyStats {
  calls: number;
  medianMs: number;
  p99Ms: number;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Calls one tool `calls` times in sequence (after `warmup` unmeasured calls) and reports median and p99. */
export async function measureTool(client: Client, name: string, args: Record<string, unknown>, calls: number, warmup: number): Promise<LatencyStats> {
  for (let i = 0; i < warmup; i++) await client.callTool({ name, arguments: args });
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    const result = await client.callTool({ name, arguments: args });
    samples.push(performance.now() - started);
    if (result.isError) throw new Error(`${name} failed during the benchmark: ${JSON.stringify(result.content)}`);
  }
  samples.sort((a, b) => a - b);
  return { calls, medianMs: percentile(samples, 50), p99Ms: percentile(samples, 99) };
}
