/** Runs `op` `total` times with `concurrency` workers; returns throughput and latency percentiles in ms. */
export async function measure(total: number, concurrency: number, op: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { ops: total, opsPerSecond: total / seconds, p50: pct(0.5), p99: pct(0.99) };
}
export type Measurement = Awaited<ReturnType<typeof measure>>;
