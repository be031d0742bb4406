import { parseArgs } from 'node:util';
import { signToken } from '../identity/token.ts';
import { loadTokenSecret } from '../identity/token-secret.ts';
import { parsePrincipal } from '../principal.ts';
import { fail } from './cli-database.ts';
import { commandArgs } from './command-args.ts';

const USAGE = `usage: pnpm --filter @agentic-commerce/kit token --kind <customer|agent|operator|service|admin> --sub <id>
         [--customer <id>] [--conversation <id>] --scopes oms:read,oms:write [--ttl 3600]
Prints a bearer token signed with COMMERCE_TOKEN_SECRET (or the development secret under .data/).`;

const { values } = parseArgs({
  args: commandArgs(),
  options: {
    kind: { type: 'string' }, sub: { type: 'string' }, customer: { type: 'string' }, conversation: { type: 'string' },
    scopes: { type: 'string' }, ttl: { type: 'string' }, help: { type: 'boolean' },
  },
});
if (values.help) fail(USAGE, 0);
const ttl = Number(values.ttl ?? '3600');
if (!Number.isInteger(ttl) || ttl <= 0) fail(`--ttl must be a positive number of seconds, got "${values.ttl}"`, 2);
let principal;
try {
  principal = parsePrincipal(JSON.stringify({
    kind: values.kind, id: values.sub, scopes: (values.scopes ?? '').split(',').filter(Boolean),
    ...(values.customer ? { customerId: values.customer } : {}), ...(values.conversation ? { conversationId: values.conversation } : {}),
  }), 'token options');
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
process.stdout.write(`${signToken(loadTokenSecret(), { principal, ttlSeconds: ttl })}\n`);
