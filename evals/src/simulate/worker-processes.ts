import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimWorkerConfig, SimWorkerMessage } from './sim-worker-config.ts';

export interface WorkerProcesses {
  pids: number[];
  /** The worker name of each process (job.processedBy): "sim-worker-1", ... */
  names: string[];
  /** Rejects once every worker process has exited (nothing is left to run the queue). */
  allExited: Promise<never>;
  /** Kills one worker process abruptly (SIGKILL), as a crash would; its jobs stall and are retried by the others. */
  kill(index: number): void;
  /** Asks each process to finish its turns in progress and exit; waits for them. */
  close(): Promise<void>;
}

const workerName = (index: number) => `sim-worker-${index + 1}`;
const ENTRY = fileURLToPath(new URL('./sim-worker-main.ts', import.meta.url));
// The children run TypeScript like the parent does: through tsx's loader.
const TSX = import.meta.resolve('tsx');

/** Starts `count` simulator worker processes on one queue and waits until every one is consuming it. */
export async function startWorkerProcesses(count: number, config: Omit<SimWorkerConfig, 'name'>, options: { startTimeoutMs?: number } = {}): Promise<WorkerProcesses> {
  const children: ChildProcess[] = [];
  const exits: Promise<void>[] = [];
  const ready: Promise<number>[] = [];
  for (let i = 0; i < count; i++) {
    const child = fork(ENTRY, [], {
      // Profiling the parent (node --cpu-prof --cpu-prof-dir=...) profiles its workers too.
      execArgv: ['--import', TSX, ...process.execArgv.filter((a) => a.startsWith('--cpu-prof'))],
      env: { ...process.env, SIM_WORKER_CONFIG: JSON.stringify({ ...config, name: workerName(i) } satisfies SimWorkerConfig) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    exits.push(new Promise((resolve) => child.once('exit', () => resolve())));
    ready.push(
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker process ${i + 1} did not start within ${(options.startTimeoutMs ?? 180_000) / 1000} s`)), options.startTimeoutMs ?? 180_000);
        child.on('message', (m: SimWorkerMessage) => {
          clearTimeout(timer);
          if (m.type === 'ready') resolve(m.pid);
          else reject(new Error(`worker process ${i + 1} failed to start: ${m.message}`));
        });
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`worker process ${i + 1} exited (${signal ?? `code ${code}`}) before it was ready`));
        });
      }),
    );
  }
  const stopAll = async () => {
    for (const child of children) if (child.connected) child.send({ type: 'stop' });
    await Promise.all(exits);
  };
  let pids: number[];
  try {
    pids = await Promise.all(ready);
  } catch (error) {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(exits);
    throw error;
  }
  const allExited = Promise.all(exits).then(() => {
    throw new Error(`all ${count} worker process(es) exited before the simulation finished`);
  });
  allExited.catch(() => undefined);
  return {
    pids,
    names: children.map((_, i) => workerName(i)),
    allExited,
    kill: (index) => void children[index]?.kill('SIGKILL'),
    close: stopAll,
  };
}
