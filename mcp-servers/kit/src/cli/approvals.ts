import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { APPROVAL_STATUSES, type ApprovalRequest, type ApprovalStatus } from '../approvals/approval.ts';
import { APPROVE_SCOPE, createApprovals } from '../approvals/approvals.ts';
import { isCommerceError } from '../errors.ts';
import { loadLedgerSigner } from '../ledger/ledger-keys.ts';
import { createLedger } from '../ledger/ledger.ts';
import type { Principal } from '../principal.ts';
import { databaseOptions, fail, openCliDatabase } from './cli-database.ts';
import { commandArgs } from './command-args.ts';

const USAGE = `usage:
  pnpm approvals list [--status pending|approved|rejected|used|expired|all]   (marks due requests expired first)
  pnpm approvals expire                      mark every pending or approved request past its expiry expired (ledgered)
  pnpm approvals approve <id> [--note "why"] [--as op:alice]
  pnpm approvals reject <id> --note "why" [--as op:alice]
options: --schema <kit schema> (default kit)  --data-dir <embedded store> (default .data/store; DATABASE_URL wins)`;

const parse = () => parseArgs({
  args: commandArgs(),
  allowPositionals: true,
  options: { ...databaseOptions, status: { type: 'string' }, note: { type: 'string' }, as: { type: 'string' }, help: { type: 'boolean' } },
});
let parsed: ReturnType<typeof parse>;
try {
  parsed = parse();
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2); // an unknown option or one without its value
}
const { values, positionals } = parsed;
const [command, id] = positionals;
if (values.help || !command) fail(USAGE, values.help ? 0 : 2);
if (!['list', 'approve', 'reject', 'expire'].includes(command!)) fail(`unknown command "${command}"\n${USAGE}`, 2);
if ((command === 'approve' || command === 'reject') && !id) fail(`${command} needs an approval id (see \`pnpm approvals list\`)`, 2);
if (values.as !== undefined && values.as.trim() === '') fail(`--as needs the operator's id, e.g. --as op:alice (an approval records who resolved it)\n${USAGE}`, 2);
if (command === 'reject' && !values.note) fail('reject needs --note "why", so the agent can tell the customer', 2);
const status = values.status ?? 'pending';
if (status !== 'all' && !(APPROVAL_STATUSES as readonly string[]).includes(status)) fail(`--status must be one of ${APPROVAL_STATUSES.join(', ')}, all`, 2);

const line = (a: ApprovalRequest) =>
  `${a.id}  ${a.status.padEnd(8)} ${a.system}.${a.tool}  ${a.action}  by ${a.principalId}${a.customerId ? `  customer ${a.customerId}` : ''}${a.orderId ? `  order ${a.orderId}` : ''}${a.amount !== undefined ? `  amount ${a.amount.toFixed(2)}` : ''}\n    ${a.reason}\n    args sha256 ${a.argsHash.slice(0, 16)}…  ${JSON.stringify(a.arguments)}  expires ${a.expiresAt}${a.resolvedBy ? `\n    ${a.status} by ${a.resolvedBy}${a.note ? `: ${a.note}` : ''}` : ''}`;

const { db, schema } = await openCliDatabase(values, { existing: 'approvals', usage: USAGE, migrateExisting: true }); // a mistyped --schema is refused, not created
const operator: Principal = { kind: 'operator', id: values.as?.trim() ?? `op:${userInfo().username}`, scopes: [APPROVE_SCOPE] };
const approvals = createApprovals({ db, schema, ledger: createLedger(schema, loadLedgerSigner()), now: () => new Date() });
try {
  if (command === 'list') {
    const list = await approvals.list(status === 'all' ? {} : { status: status as ApprovalStatus });
    process.stdout.write(list.length ? `${list.map(line).join('\n')}\n` : `no ${status === 'all' ? '' : `${status} `}approvals\n`);
  } else if (command === 'expire') {
    const expired = await approvals.expire();
    process.stdout.write(`${expired.length} approval(s) expired${expired.length ? `: ${expired.map((a) => a.id).join(', ')}` : ''}\n`);
  } else {
    const done = command === 'approve'
      ? await approvals.approve(id!, operator, values.note ? { note: values.note } : {})
      : await approvals.reject(id!, operator, { note: values.note! });
    process.stdout.write(`${line(done)}\n`);
  }
} catch (error) {
  if (isCommerceError(error)) fail(`${error.code}: ${error.message}`);
  throw error;
} finally {
  await db.close();
}
