import { parseArgs } from 'node:util';
import { loadLedgerSigner } from '../ledger/ledger-keys.ts';
import { createLedger } from '../ledger/ledger.ts';
import { verifyLedger } from '../ledger/verify-ledger.ts';
import { databaseOptions, fail, openCliDatabase } from './cli-database.ts';
import { formatEntry } from './format-entry.ts';
import { commandArgs } from './command-args.ts';

const USAGE = `usage:
  pnpm ledger verify                         walk every hash chain and its signatures; report each chain's first bad entry
  pnpm ledger show --order <id>              readable history of an order (also --conversation <id>, --customer <id>)
options: --schema <kit schema> (default kit)  --data-dir <embedded store> (default .data/store; DATABASE_URL wins)`;

const { values, positionals } = parseArgs({
  args: commandArgs(),
  allowPositionals: true,
  options: { ...databaseOptions, order: { type: 'string' }, conversation: { type: 'string' }, customer: { type: 'string' }, help: { type: 'boolean' } },
});
const command = positionals[0];
if (values.help || !command) fail(USAGE, values.help ? 0 : 2);
if (command !== 'verify' && command !== 'show') fail(`unknown command "${command}"\n${USAGE}`, 2);

const { db, schema } = await openCliDatabase(values);
const signer = loadLedgerSigner();
try {
  if (command === 'verify') {
    const result = await verifyLedger(db, schema, signer.publicKeys);
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
    const filter = { orderId: values.order, conversationId: values.conversation, customerId: values.customer };
    if (!filter.orderId && !filter.conversationId && !filter.customerId) fail(`show needs --order, --conversation or --customer\n${USAGE}`, 2);
    const entries = await createLedger(schema, signer).find(db, filter);
    if (entries.length === 0) process.stdout.write('no ledger entries match\n');
    for (const entry of entries) process.stdout.write(`${formatEntry(entry)}\n`);
  }
} finally {
  await db.close();
}
