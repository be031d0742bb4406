#!/usr/bin/env -S npx tsx
/** `pnpm knowledge <command>`: ingest, reindex, apply, search, status (see run-cli.ts). */
import { isCommerceError } from '@agentic-commerce/kit/errors';
import { runCli } from './run-cli.ts';
import { commandArgs } from '@agentic-commerce/kit/cli/command-args';

runCli(commandArgs()).catch((error: unknown) => {
  process.stderr.write(`knowledge: ${isCommerceError(error) ? `${error.code}: ` : ''}${(error as Error).message}\n`);
  process.exitCode = 1;
});
