import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routeBenchArgs, runBenchSequence, type BenchPart } from './bench-sequence.ts';

const part = (name: string, options: string[]): BenchPart => ({ script: new URL(`file:///bench/${name}.ts`), options });
const parts = [part('layer', ['ops', 'concurrency', 'network-delay-ms']), part('cpu', ['calls', 'concurrency'])];

describe('bench sequence', () => {
  it('gives each part the options it takes, in either form, and shared ones to both', () => {
    expect(routeBenchArgs(parts, ['--network-delay-ms', '0', '--calls=500', '--concurrency', '4'])).toEqual([
      ['--network-delay-ms', '0', '--concurrency', '4'],
      ['--calls', '500', '--concurrency', '4'],
    ]);
    expect(routeBenchArgs(parts, [])).toEqual([[], []]);
  });

  it('refuses an option no part takes, a missing value and a stray word, saying what each part accepts', () => {
    expect(() => routeBenchArgs(parts, ['--entries', '10'])).toThrow('no part of this bench takes --entries; options by script: layer.ts: --ops, --concurrency, --network-delay-ms; cpu.ts: --calls, --concurrency');
    expect(() => routeBenchArgs(parts, ['--ops'])).toThrow('--ops needs a value');
    expect(() => routeBenchArgs(parts, ['--ops', '--calls', '3'])).toThrow('--ops needs a value');
    expect(() => routeBenchArgs(parts, ['ops'])).toThrow('"ops" is not an option');
  });

  it('runs the parts in order in their own processes with their own options, and stops at one that fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-sequence-'));
    const log = join(dir, 'log.txt');
    const script = (name: string, exit: number) => {
      const path = join(dir, `${name}.mjs`);
      writeFileSync(path, `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(log)}, ${JSON.stringify(name)} + ' ' + JSON.stringify(process.argv.slice(2)) + '\\n');\nprocess.exit(${exit});\n`);
      return pathToFileURL(path);
    };
    await runBenchSequence([{ script: script('a', 0), options: ['ops'] }, { script: script('b', 0), options: ['calls'] }], ['--calls', '7', '--ops', '3']);
    expect(readFileSync(log, 'utf8')).toBe('a ["--ops","3"]\nb ["--calls","7"]\n');
    await expect(runBenchSequence([{ script: script('c', 3), options: [] }, { script: script('d', 0), options: [] }], [])).rejects.toThrow(/c\.mjs exited with 3/);
    expect(readFileSync(log, 'utf8')).toBe('a ["--ops","3"]\nb ["--calls","7"]\nc []\n');
  });
});
