import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
const cli = (name: string) => fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
/** Runs a kit CLI; these cases all end before any database is opened. */
const exec = async (name: string, args: string[]) => {
  try {
    const { stdout, stderr } = await run(tsx, [cli(name), ...args]);
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
};

// Each case spawns a `tsx` process (a second or more on a busy machine).
describe('kit CLI arguments', { timeout: 120_000 }, () => {
  it('policy check --strict refuses a class no tool declares, suggesting the declared one', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'policy-cli-')), 'typo.yaml');
    writeFileSync(file, 'version: typo\ndefault_rule: { autonomy: auto }\nactions:\n  order.retrun: { autonomy: shadow }\n');
    const strict = await exec('policy', ['check', file, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(`policy ${file} is invalid:\n  - actions.order.retrun: no tool declares the action class "order.retrun" (did you mean "order.return"?)`);
    const lenient = await exec('policy', ['check', file]);
    expect(lenient).toMatchObject({ code: 0, out: expect.stringMatching(/valid, version typo#[0-9a-f]{8}, 1 action classes\nwarning: actions\.order\.retrun: no tool declares/) });
    expect((await exec('policy', ['check', file, '--strict', '--actions', 'order.retrun'])).code).toBe(0);
  });

  it('answers an unknown option, a missing option value or a blank operator with one line and the usage (exit 2)', async () => {
    const unknown = await exec('policy', ['check', '--bogus']);
    expect(unknown).toMatchObject({ code: 2, out: expect.stringMatching(/^Unknown option '--bogus'.*\nusage: /) });
    const missing = await exec('approvals', ['approve', 'apr_1', '--as']);
    expect(missing).toMatchObject({ code: 2, out: expect.stringMatching(/^Option '--as <value>' argument missing\nusage:/) });
    expect(missing.out).not.toContain('TypeError');
    const blank = await exec('approvals', ['approve', 'apr_1', '--as', ' ']);
    expect(blank).toMatchObject({ code: 2, out: expect.stringMatching(/^--as needs the operator's id, e\.g\. --as op:alice/) });
  });
});
