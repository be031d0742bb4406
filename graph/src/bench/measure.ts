/** Runs `fn` `n` times after `warmup` runs and reports wall-time percentiles and CPU time per run. */
export async function measure(n: number, warmup: number, fn: (i: number) => Promise<void>) {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const times: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return { n, p50: at(0.5), p99: at(0.99), mean: wall / n, cpuMsPerRun: (used.user + used.system) / 1000 / n };
}

export const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
