import { cpuPerOp, cpuTimes } from './cpu-time.ts';

/** Runs `op` `total` times with `concurrency` workers; returns throughput and latency percentiles in ms. */
export async function measure(total: number, concurrency: number, op: (i: number) => Promise<unknown>) {
  const run = await timedRun(0, total, concurrency, op);
  return summarize(run.latencies, run.ms);
}
export type Measurement = ReturnType<typeof summarize>;

async function timedRun(first: number, count: number, concurrency: number, op: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = first;
  const end = first + count;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < end; i = next++) {
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, ms: performance.now() - started };
}

function summarize(latencies: number[], ms: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { ops: sorted.length, opsPerSecond: sorted.length / (ms / 1000), p50: pct(0.5), p99: pct(0.99) };
}

/**
 * Compares modes fairly on a machine whose speed drifts (checkpoints, other work): `total` operations per mode, run
 * in `rounds` alternating slices (A, B, A, B, ...), so every mode sees the same conditions. Throughput is each mode's
 * operations over its own time; CPU per operation is this process's and PostgreSQL's (cpu-time.ts) during its slices.
 */
export async function measureInterleaved<M extends string>(total: number, concurrency: number, rounds: number, modes: Record<M, (i: number) => Promise<unknown>>) {
  const names = Object.keys(modes) as M[];
  const acc = new Map(names.map((m) => [m, { latencies: [] as number[], ms: 0, node: 0, postgres: 0 as number | undefined }]));
  const slice = Math.ceil(total / rounds);
  for (let r = 0, done = 0; done < total; r += 1, done += slice) {
    const count = Math.min(slice, total - done);
    for (const name of names) {
      const a = acc.get(name)!;
      const before = cpuTimes();
      const run = await timedRun(done, count, concurrency, modes[name]);
      const cpu = cpuPerOp(before, cpuTimes(), 1);
      a.latencies.push(...run.latencies);
      a.ms += run.ms;
      a.node += cpu.node;
      a.postgres = a.postgres === undefined || cpu.postgres === undefined ? undefined : a.postgres + cpu.postgres;
    }
  }
  return Object.fromEntries(names.map((name) => {
    const a = acc.get(name)!;
    const n = a.latencies.length;
    return [name, { ...summarize(a.latencies, a.ms), cpu: { node: a.node / n, postgres: a.postgres === undefined ? undefined : a.postgres / n } }];
  })) as Record<M, Measurement & { cpu: { node: number; postgres: number | undefined } }>;
}
