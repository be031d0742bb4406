import type { KeyObject } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { assertSchemaName } from '../db/migrate.ts';
import { verifySignature } from './ledger-keys.ts';
import { GENESIS_HASH, hashBody } from './ledger-entry.ts';

export interface LedgerProblem {
  /** Position in the table (seq column) where the walk stopped. */
  seq: number;
  problem: 'modified' | 'missing' | 'out_of_order' | 'bad_signature' | 'unknown_key' | 'broken_link' | 'head_mismatch';
  message: string;
}

export interface LedgerVerification {
  ok: boolean;
  entries: number;
  headSeq: number;
  firstProblem?: LedgerProblem;
  durationMs: number;
}

interface Row {
  seq: number;
  kind: string;
  call_id: string | null;
  customer_id: string | null;
  order_id: string | null;
  conversation_id: string | null;
  body: string;
  hash: string;
  key_id: string;
  signature: string;
}

const INDEXED: [keyof Row, string][] = [['kind', 'kind'], ['call_id', 'callId'], ['customer_id', 'customerId'], ['order_id', 'orderId'], ['conversation_id', 'conversationId']];

function check(row: Row, expectedSeq: number, prev: string, keys: ReadonlyMap<string, KeyObject>): LedgerProblem | undefined {
  const at = (problem: LedgerProblem['problem'], message: string): LedgerProblem => ({ seq: row.seq, problem, message: `entry ${row.seq}: ${message}` });
  if (row.seq !== expectedSeq) {
    return row.seq > expectedSeq
      ? at('missing', `expected entry ${expectedSeq} next, found ${row.seq}: ${row.seq - expectedSeq} entr${row.seq - expectedSeq === 1 ? 'y was' : 'ies were'} deleted`)
      : at('out_of_order', `sequence went back from ${expectedSeq - 1} to ${row.seq}`);
  }
  if (hashBody(row.body) !== row.hash) return at('modified', 'its content does not match its hash (the entry was modified)');
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(row.body) as Record<string, unknown>;
  } catch {
    return at('modified', 'its body is not JSON');
  }
  if (body.seq !== row.seq) return at('out_of_order', `it was signed as entry ${String(body.seq)} (entries were reordered or renumbered)`);
  for (const [column, field] of INDEXED) {
    if ((row[column] ?? undefined) !== body[field]) return at('modified', `column ${column} (${String(row[column])}) differs from the signed body (${String(body[field])})`);
  }
  if (!keys.has(row.key_id) || body.keyId !== row.key_id) return at('unknown_key', `signed with key ${row.key_id}, which is not a trusted ledger key`);
  if (!verifySignature(keys, row.key_id, row.hash, row.signature)) return at('bad_signature', 'its signature does not verify (forged or inserted entry)');
  if (body.prev !== prev) return at('broken_link', 'it does not chain to the entry before it (an entry was inserted, deleted or reordered)');
  return undefined;
}

/**
 * Walks the whole chain in seq order, checking contiguity, hashes, signatures, links and the head.
 * Reports the first bad entry; reads in pages so 100k+ entries stay in constant memory.
 */
export async function verifyLedger(q: Queryable, schema: string, keys: ReadonlyMap<string, KeyObject>, pageSize = 5000): Promise<LedgerVerification> {
  assertSchemaName(schema);
  const started = performance.now();
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let entries = 0;
  const [head] = await q.query<{ seq: number; hash: string }>(`SELECT seq, hash FROM ${schema}.ledger_head WHERE id = 1`);
  const headSeq = head?.seq ?? 0;
  const done = (firstProblem?: LedgerProblem): LedgerVerification => ({
    ok: firstProblem === undefined, entries, headSeq, durationMs: performance.now() - started, ...(firstProblem ? { firstProblem } : {}),
  });
  for (let after = 0; ; ) {
    const rows = await q.query<Row>(
      `SELECT seq, kind, call_id, customer_id, order_id, conversation_id, body, hash, key_id, signature
         FROM ${schema}.ledger WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [after, pageSize],
    );
    for (const row of rows) {
      const problem = check(row, expectedSeq, prev, keys);
      if (problem) return done(problem);
      prev = row.hash;
      expectedSeq += 1;
      entries += 1;
    }
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1]!.seq;
  }
  if (!head || head.seq !== entries || head.hash !== prev) {
    return done({
      seq: entries,
      problem: 'head_mismatch',
      message: `the ledger head says ${headSeq} entries ending in ${head?.hash.slice(0, 12) ?? '?'}, the table has ${entries} ending in ${prev.slice(0, 12)} (entries were deleted from or added to the end)`,
    });
  }
  return done();
}
