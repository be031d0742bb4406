import { parseArgs } from 'node:util';
import { loadPolicy } from '../policy/load-policy.ts';
import { describeUnknownAction, referenceActionClasses, unknownPolicyActions } from '../policy/unknown-actions.ts';
import { fail } from './cli-database.ts';
import { commandArgs } from './command-args.ts';

const USAGE = `usage: pnpm --filter @agentic-commerce/kit policy check [file] [--strict] [--actions a.b,c.d]
  file       default: COMMERCE_POLICY_FILE, else the kit default
  --strict   missing evidence documents/sections and action classes no tool declares are errors, not warnings
  --actions  the action classes the tools declare (comma-separated); default: those of the four reference servers`;

const parse = () => parseArgs({ args: commandArgs(), allowPositionals: true, options: { strict: { type: 'boolean' }, actions: { type: 'string' }, help: { type: 'boolean' } } });
let parsed: ReturnType<typeof parse>;
try {
  parsed = parse();
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
const { values, positionals } = parsed;
if (values.help) fail(USAGE, 0);
if (positionals[0] !== 'check' || positionals.length > 2) fail(USAGE, 2);
const known = values.actions === undefined ? undefined : values.actions.split(',').map((a) => a.trim()).filter((a) => a !== '');
if (known?.length === 0) fail(`--actions needs at least one action class, e.g. --actions order.return,order.cancel\n${USAGE}`, 2);
try {
  const strict = values.strict ?? false;
  const policy = loadPolicy({ file: positionals[1], strictEvidence: strict });
  const unknown = unknownPolicyActions(policy, known ?? referenceActionClasses()).map((u) => describeUnknownAction(u));
  if (strict && unknown.length > 0) fail(`policy ${policy.source} is invalid:\n${unknown.map((u) => `  - ${u}`).join('\n')}`);
  process.stdout.write(`${policy.source}: valid, version ${policy.version}, ${Object.keys(policy.file.actions).length} action classes\n`);
  for (const warning of [...policy.warnings, ...unknown]) process.stdout.write(`warning: ${warning}\n`);
} catch (error) {
  fail((error as Error).message);
}
