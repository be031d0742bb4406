import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { commandArgs } from '../cli/command-args.ts';

/** One script of a package's `pnpm bench`, with the `--name value` options it takes. */
export interface BenchPart {
  script: URL;
  options: readonly string[];
}

/**
 * Splits a bench command line among its parts: each `--name value` (or `--name=value`) goes to every part that takes
 * that option; an option no part takes, a missing value or a stray word is refused, naming what each part accepts.
 */
export function routeBenchArgs(parts: readonly BenchPart[], args: readonly string[]): string[][] {
  const routed = parts.map(() => [] as string[]);
  const accepted = () => parts.map((p) => `${fileURLToPath(p.script).split('/').pop()}: ${p.options.map((o) => `--${o}`).join(', ') || 'none'}`).join('; ');
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`bench: "${arg}" is not an option (--name value); options by script: ${accepted()}`);
    const [, name, inline] = match;
    const value = inline ?? args[i + 1];
    if (inline === undefined) i += 1;
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new Error(`bench: --${name} needs a value`);
    const takers = parts.flatMap((part, p) => (part.options.includes(name!) ? [p] : []));
    if (takers.length === 0) throw new Error(`bench: no part of this bench takes --${name}; options by script: ${accepted()}`);
    for (const p of takers) routed[p]!.push(`--${name}`, value);
  }
  return routed;
}

/**
 * Runs the parts one after another, each in its own process (as `tsx <script>` would: the same node flags, so the
 * TypeScript loader comes along), with the options routed to it; stops at the first that fails.
 */
export async function runBenchSequence(parts: readonly BenchPart[], args: readonly string[] = commandArgs()): Promise<void> {
  const routed = routeBenchArgs(parts, args);
  for (const [p, part] of parts.entries()) {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(part.script), ...routed[p]!], { stdio: 'inherit' });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`bench: ${fileURLToPath(part.script)} exited with ${code}`);
  }
}
