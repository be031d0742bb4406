import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fail } from './cli-database.ts';
import { commandArgs } from './command-args.ts';

/**
 * A command line parsed strictly (positionals allowed): an unknown option, an option without its value or a value
 * given to a flag exits 2 with one line saying so, then `usage` (instead of a stack trace).
 */
export function parseCommandLine<const O extends NonNullable<ParseArgsConfig['options']>>(options: O, usage: string, args: string[] = commandArgs()) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`, 2);
  }
}
