import { readFileSync } from 'node:fs';
import { compareHeads, parseHeadSnapshot, verifiedHeads, type HeadSnapshot } from '../ledger/chain-heads.ts';
import { findEntries } from '../ledger/ledger-find.ts';
import { loadLedgerPublicKeys } from '../ledger/ledger-keys.ts';
import { verifyLedger, type LedgerVerification } from '../ledger/verify-ledger.ts';
import { databaseOptions, fail, openCliDatabase } from './cli-database.ts';
import { formatEntry } from './format-entry.ts';
import { parseCommandLine } from './parse-command-line.ts';

const USAGE = `usage:
  pnpm ledger verify [--expect-heads <file>] walk every hash chain and its signatures; report each chain's first bad entry
                                             (and, with a file \`ledger heads\` wrote, any chain cut back or rewritten since)
  pnpm ledger heads > heads.json             verify, then print every chain's head: keep it outside the database
  pnpm ledger show --order <id>              readable history of an order (also --conversation <id>, --customer <id>)
options: --schema <kit schema> (default kit)  --data-dir <embedded store> (default .data/store; DATABASE_URL wins)
verify and heads trust the public half of the signing key (COMMERCE_LEDGER_SIGNING_KEY[_FILE], else the development key in
COMMERCE_DATA_DIR) and COMMERCE_LEDGER_PUBLIC_KEY_FILES; they write no key. No command creates or migrates a schema.`;

const { values, positionals } = parseCommandLine(
  { ...databaseOptions, order: { type: 'string' }, conversation: { type: 'string' }, customer: { type: 'string' }, 'expect-heads': { type: 'string' }, help: { type: 'boolean' } },
  USAGE,
);
const [command, ...extra] = positionals;
if (values.help) fail(USAGE, 0);
if (!command) fail(USAGE, 2);
if (command !== 'verify' && command !== 'show' && command !== 'heads') fail(`unknown command "${command}"\n${USAGE}`, 2);
if (extra.length > 0) fail(`unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((a) => `"${a}"`).join(' ')}: ${command} takes options only\n${USAGE}`, 2);
const filter = { orderId: values.order, conversationId: values.conversation, customerId: values.customer };
const filtered = Boolean(filter.orderId || filter.conversationId || filter.customerId);
if (command !== 'show' && filtered) fail(`--order, --conversation and --customer are options of show: ${command} walks the whole ledger\n${USAGE}`, 2);
if (command !== 'verify' && values['expect-heads'] !== undefined) fail(`--expect-heads is an option of verify\n${USAGE}`, 2);
if (command === 'show' && !filtered) fail(`show needs --order, --conversation or --customer\n${USAGE}`, 2);

let keys: ReturnType<typeof loadLedgerPublicKeys> | undefined;
let expected: HeadSnapshot | undefined;
try {
  if (command !== 'show') keys = loadLedgerPublicKeys();
  const file = values['expect-heads'];
  if (file !== undefined) expected = parseHeadSnapshot(readFileSync(file, 'utf8'), file);
} catch (error) {
  fail((error as Error).message, 2);
}
const { db, schema } = await openCliDatabase(values, { existing: 'ledger', usage: USAGE });
if (expected && expected.schema !== schema) fail(`${values['expect-heads']} is a snapshot of schema ${expected.schema}, not ${schema}`, 2);

/** Verifies the whole ledger (and the chains against `expected`), printing the outcome; the verification when all is well. */
async function verify(quiet: boolean): Promise<LedgerVerification | undefined> {
  const result = await verifyLedger(db, schema, keys!);
  const rate = result.entries / Math.max(result.durationMs / 1000, 1e-6);
  const departures = result.ok && expected ? await compareHeads(db, schema, expected) : [];
  const out = quiet ? process.stderr : process.stdout;
  if (result.ok && departures.length === 0) {
    const used = result.chains.filter((c) => c.entries > 0).length;
    const anchored = expected ? `; the ${expected.heads.length} chain head(s) of ${expected.takenAt} are still in their chains` : '';
    out.write(`ledger ${schema}: ${result.entries} entries in ${used} chain(s) verified in ${(result.durationMs / 1000).toFixed(2)} s (${Math.round(rate)} entries/s): chains, signatures and heads OK${anchored}\n`);
    return result;
  }
  if (!result.ok) {
    const bad = result.chains.filter((c) => c.firstProblem);
    out.write(`ledger ${schema}: ${bad.length} chain(s) with a bad entry (${result.entries} good entries in all)\n`);
    for (const c of bad) out.write(`  FIRST BAD ENTRY of chain ${c.chain}, after ${c.entries} good ones: ${c.firstProblem!.message}\n`);
  } else {
    out.write(`ledger ${schema}: ${departures.length} chain(s) differ from ${values['expect-heads']}\n`);
    for (const d of departures) out.write(`  ${d}\n`);
  }
  process.exitCode = 1;
  return undefined;
}

try {
  if (command === 'verify') await verify(false);
  else if (command === 'heads') {
    // Only a ledger that verifies is worth anchoring, and only what the walk verified: the heads it reached, not the
    // head rows read after it (entries appended meanwhile were not verified). The outcome goes to stderr, the snapshot
    // alone to stdout.
    const verified = await verify(true);
    if (verified) process.stdout.write(`${JSON.stringify(verifiedHeads(schema, verified), null, 2)}\n`);
  } else {
    const entries = await findEntries(db, schema, filter);
    if (entries.length === 0) process.stdout.write('no ledger entries match\n');
    for (const entry of entries) process.stdout.write(`${formatEntry(entry)}\n`);
  }
} finally {
  await db.close();
}
