#!/usr/bin/env -S npx tsx
/** `pnpm knowledge <command>`: ingest, reindex, apply, search, status (see run-cli.ts). */
import { isCommerceError } from '@agentic-commerce/kit/errors';
import { runCli } from './run-cli.ts';

runCli(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`knowledge: ${isCommerceError(error) ? `${error.code}: ` : ''}${(error as Error).message}\n`);
  process.exitCode = 1;
});
