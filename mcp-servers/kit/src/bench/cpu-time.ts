import { readFileSync, readdirSync } from 'node:fs';

/** A reading of CPU time: this process's (ms), and each PostgreSQL server process's on this machine (ms, by pid). */
export interface CpuReading {
  node: number;
  /** Undefined where no PostgreSQL process is visible (a remote server, or no /proc). */
  postgres: Map<string, number> | undefined;
}

/** CPU time used so far by this process and by the PostgreSQL server processes on this machine (read from /proc). */
export function cpuTimes(): CpuReading {
  const usage = process.cpuUsage();
  return { node: (usage.user + usage.system) / 1000, postgres: postgresCpuMs() };
}

function postgresCpuMs(): Map<string, number> | undefined {
  const byPid = new Map<string, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) continue;
      // Fields after "(comm) ": state is [0]; utime and stime are fields 14 and 15 of stat, i.e. [11] and [12] here.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      byPid.set(pid, (Number(fields[11]) + Number(fields[12])) * 10); // USER_HZ is 100 on Linux
    } catch {
      // the process ended between listing and reading
    }
  }
  return byPid.size > 0 ? byPid : undefined;
}

/**
 * CPU per operation between two readings. PostgreSQL's is summed per process: one that started since counts whole,
 * one that ended since (e.g. a pool closed an idle connection) counts nothing — it cannot make the total go down,
 * though what it used after the first reading is missed.
 */
export function cpuPerOp(before: CpuReading, after: CpuReading, ops: number) {
  let postgres: number | undefined;
  if (before.postgres && after.postgres) {
    postgres = 0;
    for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  }
  return { node: (after.node - before.node) / ops, postgres: postgres === undefined ? undefined : postgres / ops };
}
