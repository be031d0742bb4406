import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time (ms) used so far by this process and by the PostgreSQL server processes on this machine (read from
 * /proc; `postgres` is undefined where they are not visible, e.g. a remote server or no /proc).
 */
export function cpuTimes(): { node: number; postgres: number | undefined } {
  const usage = process.cpuUsage();
  return { node: (usage.user + usage.system) / 1000, postgres: postgresCpuMs() };
}

function postgresCpuMs(): number | undefined {
  let ticks = 0;
  let seen = false;
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
      ticks += Number(fields[11]) + Number(fields[12]);
      seen = true;
    } catch {
      // the process ended between listing and reading
    }
  }
  return seen ? ticks * 10 : undefined; // USER_HZ is 100 on Linux
}

/** CPU per operation between two readings. */
export function cpuPerOp(before: ReturnType<typeof cpuTimes>, after: ReturnType<typeof cpuTimes>, ops: number) {
  return {
    node: (after.node - before.node) / ops,
    postgres: before.postgres === undefined || after.postgres === undefined ? undefined : (after.postgres - before.postgres) / ops,
  };
}
