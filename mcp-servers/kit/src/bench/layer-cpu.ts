import { parseArgs } from 'node:util';
import { createActionRuntime } from '../action-runtime.ts';
import type { Database, Queryable } from '../db/database.ts';
import { generateSigner } from '../ledger/ledger-keys.ts';
import { createLogger } from '../telemetry/logger.ts';
import { benchPolicy, issueRefund, refundsBackend } from '../testing/refunds-system.ts';
import { transactionalBackend } from '../tool.ts';
import { commandArgs } from '../cli/command-args.ts';

/**
 * The action layer's own CPU per write, without a database: the bench's refund through the whole layer (admitted at
 * commit) against its bare handler, every statement answered at once by a canned row. What the layer adds here —
 * argument hash, policy, three ledger entries with hashes and one Ed25519 signature, metrics, span — is what it adds
 * to every write besides its one extra statement. CPU of this process per call, alternating runs.
 *
 *   pnpm --filter @agentic-commerce/kit bench:cpu [--calls 20000]
 */
const { values } = parseArgs({ args: commandArgs(), options: { calls: { type: 'string' } } });
const calls = Number(values.calls ?? 20_000);
if (!Number.isInteger(calls) || calls < 1) throw new Error(`--calls must be a whole number >= 1, got "${values.calls}"`);

const canned: Queryable = {
  async query<T>(sql: string): Promise<T[]> {
    if (sql.includes('SELECT balance')) return [{ balance: 1 }] as T[];
    if (sql.includes('INSERT INTO bench.refunds')) return [{ id: 1 }] as T[];
    if (sql.includes('FOR UPDATE SKIP LOCKED')) return [{ id: 1, seq: 0, hash: '0'.repeat(64) }] as T[]; // a free chain head
    if (sql.includes('ledger_head') || sql.includes('claimed AS')) return [{ n: 1, claimed: true, total: 1 }] as T[]; // admitted; appended
    return [];
  },
  async exec() {},
};
const db: Database = { kind: 'postgres', query: canned.query, exec: canned.exec, transaction: (fn) => fn(canned), close: async () => {} };
const runtime = createActionRuntime({ db, schema: 'bench_kit', policy: benchPolicy(), signer: generateSigner(), logger: createLogger({ level: 'warn' }) });
const backend = transactionalBackend(refundsBackend('bench'));
const service = { kind: 'service' as const, id: 'svc:bench', scopes: ['*'] };
const args = (i: number) => ({ customer_id: `c${i % 500}`, order_id: `#B${i}`, amount: 1.25 });
let key = 0;
const modes = {
  bare: async (i: number) => {
    const b = refundsBackend('bench')(canned);
    const { customer_id, order_id, amount } = args(i);
    if ((await b.balance(customer_id)) === undefined) throw new Error('missing customer');
    return b.refund(customer_id, order_id, amount);
  },
  layer: (i: number) => runtime.invoke({ system: 'refunds', tool: issueRefund, input: args(i), principal: service, idempotencyKey: `cpu-${key++}` }, backend),
};
const rows: Record<string, string | number>[] = [];
for (const round of [1, 2]) {
  for (const [mode, op] of Object.entries(modes)) {
    for (let i = 0; i < 500; i++) await op(i); // warm-up
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) await op(i);
    const used = process.cpuUsage(start);
    rows.push({ round, mode, calls, 'CPU µs per call': +((used.user + used.system) / calls).toFixed(1) });
  }
}
process.stdout.write('\nthe action layer\'s own CPU per write (no database: every statement answered by a canned row)\n');
console.table(rows);
