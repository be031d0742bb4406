import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPgliteDatabase } from './pglite-database.ts';
import { acquireStoreLock } from './store-lock.ts';

const children: { kill(): void }[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill()));

function storeDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'store-lock-')), 'store');
}

/** A live process other than this one, as `pnpm start` would be. */
function otherProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

describe('embedded store lock', () => {
  it('is exclusive while held and free again once released', () => {
    const dir = storeDir();
    const lock = acquireStoreLock(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(String(process.pid));
    expect(() => acquireStoreLock(dir)).toThrow(/is in use by this process/);
    lock.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    acquireStoreLock(dir).release();
  });

  it('refuses a store another live process holds, naming that process and what to do', () => {
    const dir = storeDir();
    const pid = otherProcess();
    writeFileSync(`${dir}.lock`, `${pid}\n`);
    expect(() => acquireStoreLock(dir)).toThrow(new RegExp(`in use by process ${pid} \\(.*node.*\\).*Stop that process.*DATABASE_URL`));
    // refusing changed nothing: the other process still owns the lock
    expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(String(pid));
  });

  it('takes over a lock left behind by a process that died', () => {
    const dir = storeDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(`${dir}.lock`, `${dead.stdout}\n`);
    const lock = acquireStoreLock(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('makes openPgliteDatabase refuse a held store before starting the engine', async () => {
    const dir = storeDir();
    writeFileSync(`${dir}.lock`, `${otherProcess()}\n`);
    await expect(openPgliteDatabase(dir)).rejects.toThrow(/the embedded store .* is in use by process/);
    expect(existsSync(dir)).toBe(false);
  });
});
