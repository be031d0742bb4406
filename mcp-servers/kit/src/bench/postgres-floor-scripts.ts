/**
 * pgbench scripts for the PostgreSQL floor of the action layer's cost (postgres-floor.ts): the kit bench's refund as a
 * bare transaction, and the same refund plus the durable records the layer adds to it — the idempotency key with its
 * result, the velocity count, the chain head's move and three ledger rows — written the way the layer writes them (one
 * statement sent with COMMIT, so both make the same round trips) but by PostgreSQL's own client, which costs next to
 * nothing. The difference between the two is what PostgreSQL alone spends on the layer's records.
 */

/** Lengths of what a real call of the layer stored, read back from the ledger and the idempotency table. */
export interface RecordShape {
  /** The call's ledger entries, in order (intent, decision, result): body and signature lengths. */
  entries: { body: number; signature: number }[];
  hashLength: number;
  keyIdLength: number;
  scopeLength: number;
  resultLength: number;
}

export interface FloorSchemas {
  /** The refunds system's schema (wallets, refunds). */
  refunds: string;
  /** The kit's schema, migrated by kitMigrations. */
  kit: string;
  /** Ledger chains to spread clients over (each client appends to its own while there are enough). */
  chains: number;
}

const ident = /^[a-z_][a-z0-9_]*$/;

/** The refund every script starts with: read the wallet with BEGIN in one round trip, insert the refund, credit. */
function refund(s: FloorSchemas): string[] {
  return [
    '\\set c random(0, 499)',
    '\\set r random(1, 1000000000000)',
    '\\startpipeline',
    'BEGIN;',
    `SELECT balance FROM ${s.refunds}.wallets WHERE customer_id = 'c' || :c::text;`,
    '\\endpipeline',
    `INSERT INTO ${s.refunds}.refunds (customer_id, order_id, amount) VALUES ('c' || :c::text, '#B' || :r::text, 1.25) RETURNING id;`,
    `UPDATE ${s.refunds}.wallets SET balance = balance + 1.25 WHERE customer_id = 'c' || :c::text;`,
  ];
}

/** The bare transaction: the refund, then COMMIT (4 round trips, as the kit bench's bare transaction). */
export function bareScript(s: FloorSchemas): string {
  check(s);
  return [...refund(s), 'COMMIT;', ''].join('\n');
}

/**
 * The refund plus the layer's records in one statement sent with COMMIT (4 round trips, as the layer). Literal texts
 * have the lengths a real call stored (`repeat`), so the rows, their WAL and their index entries are the real size.
 */
export function layerRecordsScript(s: FloorSchemas, shape: RecordShape): string {
  check(s);
  if (shape.entries.length === 0) throw new Error('postgres floor: the record shape has no ledger entries');
  const n = shape.entries.length;
  const kinds = ['intent', 'decision', 'result'];
  const rows = shape.entries.map((entry, i) =>
    `(:ch::int, (SELECT seq FROM head) - ${n - 1 - i}, now(), '${kinds[i] ?? 'result'}', 'call-' || :r::text, 'refunds', 'issue_refund', 'order.return', 'svc-bench', NULL, 'c' || :c::text, '#B' || :r::text, ` +
      `repeat('b', ${entry.body}), repeat('h', ${shape.hashLength}), repeat('k', ${shape.keyIdLength}), repeat('s', ${entry.signature}))`,
  );
  const records = [
    `WITH claimed AS (INSERT INTO ${s.kit}.idempotency (scope, key, args_hash, created_at, result)`,
    `   VALUES (repeat('p', ${shape.scopeLength}), 'k' || :r::text, repeat('h', ${shape.hashLength}), now(), repeat('r', ${shape.resultLength})) ON CONFLICT (scope, key) DO NOTHING RETURNING 1),`,
    ` bumped AS (INSERT INTO ${s.kit}.velocity_counts AS v (customer_id, action, day, n) SELECT 'c' || :c::text, 'order.return', current_date, 1`,
    `   ON CONFLICT (customer_id, action, day) DO UPDATE SET n = v.n + 1 RETURNING n),`,
    ` head AS (UPDATE ${s.kit}.ledger_head SET seq = seq + ${n}, hash = repeat('h', ${shape.hashLength}) WHERE id = :ch::int RETURNING seq),`,
    ` appended AS (INSERT INTO ${s.kit}.ledger (chain, seq, at, kind, call_id, system, tool, action, principal_id, conversation_id, customer_id, order_id, body, hash, key_id, signature)`,
    `   SELECT * FROM (VALUES ${rows.join(', ')}) v WHERE EXISTS (SELECT 1 FROM head) RETURNING 1)`,
    'SELECT (SELECT count(*) FROM head) AS n, (SELECT count(*) FROM claimed) AS claimed, (SELECT n FROM bumped) AS velocity;',
  ].join(' ');
  // pgbench takes a command to its end on one line unless it ends with ';', so the statement is written as one line.
  return [`\\set ch :client_id % ${s.chains} + 1`, ...refund(s), '\\startpipeline', records, 'COMMIT;', '\\endpipeline', ''].join('\n');
}

/** Transactions per second and mean latency from pgbench's report; throws with the report when it has none. */
export function parsePgbenchReport(report: string): { tps: number; latencyMs: number; transactions: number } {
  const tps = /^tps = ([\d.]+)/m.exec(report);
  const latency = /^latency average = ([\d.]+) ms/m.exec(report);
  const done = /^number of transactions actually processed: (\d+)/m.exec(report);
  const failed = /^number of failed transactions: (\d+)/m.exec(report);
  if (!tps || !latency || !done) throw new Error(`pgbench reported no result:\n${report.trim().split('\n').slice(-8).join('\n')}`);
  if (failed && Number(failed[1]) > 0) throw new Error(`pgbench: ${failed[1]} transactions failed:\n${report.trim().split('\n').slice(-8).join('\n')}`);
  return { tps: Number(tps[1]), latencyMs: Number(latency[1]), transactions: Number(done[1]) };
}

function check(s: FloorSchemas): void {
  for (const [name, value] of [['refunds', s.refunds], ['kit', s.kit]] as const) {
    if (!ident.test(value)) throw new Error(`postgres floor: the ${name} schema must be a plain lower-case identifier, got "${value}"`);
  }
  if (!Number.isInteger(s.chains) || s.chains < 1) throw new Error(`postgres floor: chains must be a positive whole number, got ${s.chains}`);
}
