import { randomBytes } from 'node:crypto';
import type { Database } from '@agentic-commerce/kit';
import { readTauBenchData } from '../import/tau-bench.ts';
import { readGold, readTasks } from './gold-file.ts';
import { replayTasks, type TaskOutcome } from './replay-tasks.ts';
import { openReplayWorld } from './replay-world.ts';

export interface ReplayReport {
  split: string;
  outcomes: TaskOutcome[];
  passed: number;
  failed: number;
  /** Wall time of the replay itself (after loading the data and starting the server). */
  seconds: number;
}

/**
 * Runs a τ-bench replay in its own schemas (`r_<random>_*`, dropped afterwards) on `db`.
 */
export async function runReplay(options: {
  db: Database;
  tasksPath: string;
  goldPath: string;
  split?: string | undefined;
  dataDir?: string | undefined;
  prefix?: string;
  /** Replay only the first N tasks of the file (benchmarks). */
  maxTasks?: number;
}): Promise<ReplayReport> {
  const { db } = options;
  const tasks = (await readTasks(options.tasksPath)).slice(0, options.maxTasks);
  const { split, gold } = await readGold(options.goldPath, tasks, options.tasksPath, options.split);
  const data = await readTauBenchData(options.dataDir);
  const prefix = options.prefix ?? `r_${randomBytes(4).toString('hex')}`;
  const world = await openReplayWorld(db, prefix, data);
  try {
    const started = performance.now();
    const outcomes = await replayTasks(world, data, tasks, gold);
    const seconds = (performance.now() - started) / 1000;
    const failed = outcomes.filter((o) => o.failure).length;
    return { split, outcomes, passed: outcomes.length - failed, failed, seconds };
  } finally {
    await world.close();
    for (const suffix of ['oms', 'oms_template', 'kit']) await db.exec(`DROP SCHEMA IF EXISTS ${prefix}_${suffix} CASCADE`);
  }
}
