import { parseArgs } from 'node:util';
import { loadPolicy } from '../policy/load-policy.ts';
import { fail } from './cli-database.ts';
import { commandArgs } from './command-args.ts';

const { values, positionals } = parseArgs({ args: commandArgs(), allowPositionals: true, options: { strict: { type: 'boolean' } } });
if (positionals[0] !== 'check') fail('usage: pnpm --filter @agentic-commerce/kit policy check [file] [--strict]   (default: COMMERCE_POLICY_FILE or the kit default)', 2);
try {
  const policy = loadPolicy({ file: positionals[1], strictEvidence: values.strict ?? false });
  process.stdout.write(`${policy.source}: valid, version ${policy.version}, ${Object.keys(policy.file.actions).length} action classes\n`);
  for (const warning of policy.warnings) process.stdout.write(`warning: ${warning}\n`);
} catch (error) {
  fail((error as Error).message);
}
