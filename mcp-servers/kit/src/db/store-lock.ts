import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * PGlite is a single-process engine: two processes opening one data directory would both write its files and
 * corrupt it. The embedded store therefore takes an exclusive lock file beside the directory (`<dir>.lock`, holding
 * the owner's pid) and refuses to open while a live process holds it. A lock left by a process that died is taken over.
 */
export interface StoreLock {
  readonly path: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(0, 4).join(' ');
  } catch {
    return '';
  }
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function storeInUseMessage(dir: string, pid: number): string {
  const command = commandOf(pid);
  const who = pid === process.pid ? 'this process (it is already open here)' : `process ${pid}${command ? ` (${command})` : ''}`;
  return (
    `the embedded store ${dir} is in use by ${who}; the embedded engine (PGlite) allows one process at a time. ` +
    'Stop that process (e.g. the running `pnpm start`), use its HTTP API instead, or set DATABASE_URL so that ' +
    'several processes share one PostgreSQL database.'
  );
}

/** Takes the lock for `dataDir` or throws an error naming the process that holds it. */
export function acquireStoreLock(dataDir: string): StoreLock {
  const dir = resolve(dataDir);
  const path = `${dir}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        process.off('exit', release);
        if (ownerOf(path) === process.pid) rmSync(path, { force: true });
      };
      process.on('exit', release);
      return { path, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = ownerOf(path);
      if (pid !== undefined && alive(pid)) throw new Error(storeInUseMessage(dir, pid));
      // The owner died without releasing it (or the file is unreadable garbage): take it over.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path} for the embedded store ${dir}: another process keeps re-creating it`);
}
