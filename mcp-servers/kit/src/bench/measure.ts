import { cpuPerOp, cpuTimes } from './cpu-time.ts';

/** Runs `op` `total` times with `concurrency` workers; returns throughput and latency percentiles in ms. */
export async function measure(total: number, concurrency: number, op: (i: number) => Promise<unknown>) {
  const run = await timedRun(0, total, concurrency, op);
  return summarize(run.latencies, run.ms);
}
export type Measurement = ReturnType<typeof summarize>;
/** A measurement of `measureInterleaved`: with CPU per operation in this process and in PostgreSQL (undefined: not visible). */
export type InterleavedMeasurement = Measurement & { cpu: { node: number; postgres: number | undefined } };
export type TableRow = Record<string, string | number>;

const cpuMs = (v: number | undefined) => (v === undefined ? 'not visible' : +v.toFixed(3));
const ratioOf = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '' : +(a / b).toFixed(2));

/** One mode's line of a bench table. */
export function measurementRow(mode: string, concurrency: number, m: InterleavedMeasurement): TableRow {
  return { mode, concurrency, ops: m.ops, 'ops/s': Math.round(m.opsPerSecond), 'p50 ms': +m.p50.toFixed(2), 'p99 ms': +m.p99.toFixed(2), 'node CPU ms/op': cpuMs(m.cpu.node), 'postgres CPU ms/op': cpuMs(m.cpu.postgres) };
}

/** The line comparing a mode with the floor: how many times the floor's time, latency and CPU it costs. */
export function ratioRow(mode: string, concurrency: number, m: InterleavedMeasurement, floor: InterleavedMeasurement): TableRow {
  return {
    mode, concurrency, ops: '', 'ops/s': +(floor.opsPerSecond / m.opsPerSecond).toFixed(2),
    'p50 ms': +(m.p50 / floor.p50).toFixed(2), 'p99 ms': +(m.p99 / floor.p99).toFixed(2),
    'node CPU ms/op': ratioOf(m.cpu.node, floor.cpu.node), 'postgres CPU ms/op': ratioOf(m.cpu.postgres, floor.cpu.postgres),
  };
}

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
  })) as Record<M, InterleavedMeasurement>;
}
