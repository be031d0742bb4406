import { describe, expect, it } from 'vitest';
import { commandArgs } from './command-args.ts';

describe('commandArgs', () => {
  it('drops the -- that pnpm forwards before the flags, and nothing else', () => {
    expect(commandArgs(['node', 'bench.ts', '--', '--orders', '10'])).toEqual(['--orders', '10']);
    expect(commandArgs(['node', 'bench.ts', '--orders', '10'])).toEqual(['--orders', '10']);
    expect(commandArgs(['node', 'cli.ts', 'show', '--', '--literal'])).toEqual(['show', '--', '--literal']);
    expect(commandArgs(['node', 'cli.ts'])).toEqual([]);
  });
});
