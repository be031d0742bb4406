import { findEntries } from '../ledger/ledger-find.ts';
import { loadLedgerPublicKeys } from '../ledger/ledger-keys.ts';
import { verifyLedger } from '../ledger/verify-ledger.ts';
import { databaseOptions, fail, openCliDatabase } from './cli-database.ts';
import { formatEntry } from './format-entry.ts';
import { parseCommandLine } from './parse-command-line.ts';

const USAGE = `usage:
  pnpm ledger verify                         walk every hash chain and its signatures; report each chain's first bad entry
  pnpm ledger show --order <id>              readable history of an order (also --conversation <id>, --customer <id>)
options: --schema <kit schema> (default kit)  --data-dir <embedded store> (default .data/store; DATABASE_URL wins)
verify trusts the public half of the signing key (COMMERCE_LEDGER_SIGNING_KEY[_FILE], else the development key in
COMMERCE_DATA_DIR) and COMMERCE_LEDGER_PUBLIC_KEY_FILES; it writes no key. Neither command creates or migrates a schema.`;

const { values, positionals } = parseCommandLine(
  { ...databaseOptions, order: { type: 'string' }, conversation: { type: 'string' }, customer: { type: 'string' }, help: { type: 'boolean' } },
  USAGE,
);
const [command, ...extra] = positionals;
if (values.help) fail(USAGE, 0);
if (!command) fail(USAGE, 2);
if (command !== 'verify' && command !== 'show') fail(`unknown command "${command}"\n${USAGE}`, 2);
if (extra.length > 0) fail(`unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((a) => `"${a}"`).join(' ')}: ${command} takes options only\n${USAGE}`, 2);
const filter = { orderId: values.order, conversationId: values.conversation, customerId: values.customer };
const filtered = Boolean(filter.orderId || filter.conversationId || filter.customerId);
if (command === 'verify' && filtered) fail(`--order, --conversation and --customer are options of show: verify walks the whole ledger\n${USAGE}`, 2);
if (command === 'show' && !filtered) fail(`show needs --order, --conversation or --customer\n${USAGE}`, 2);

let keys: ReturnType<typeof loadLedgerPublicKeys> | undefined;
try {
  if (command === 'verify') keys = loadLedgerPublicKeys();
} catch (error) {
  fail((error as Error).message, 2);
}
const { db, schema } = await openCliDatabase(values, { existing: 'ledger', usage: USAGE });
try {
  if (keys) {
    const result = await verifyLedger(db, schema, keys);
    const rate = result.entries / Math.max(result.durationMs / 1000, 1e-6);
    if (result.ok) {
      const used = result.chains.filter((c) => c.entries > 0).length;
      process.stdout.write(`ledger ${schema}: ${result.entries} entries in ${used} chain(s) verified in ${(result.durationMs / 1000).toFixed(2)} s (${Math.round(rate)} entries/s): chains, signatures and heads OK\n`);
    } else {
      const bad = result.chains.filter((c) => c.firstProblem);
      process.stdout.write(`ledger ${schema}: ${bad.length} chain(s) with a bad entry (${result.entries} good entries in all)\n`);
      for (const c of bad) process.stdout.write(`  FIRST BAD ENTRY of chain ${c.chain}, after ${c.entries} good ones: ${c.firstProblem!.message}\n`);
      process.exitCode = 1;
    }
  } else {
    const entries = await findEntries(db, schema, filter);
    if (entries.length === 0) process.stdout.write('no ledger entries match\n');
    for (const entry of entries) process.stdout.write(`${formatEntry(entry)}\n`);
  }
} finally {
  await db.close();
}
