import type { KeyObject } from 'node:crypto';
import type { Database, Queryable } from '../db/database.ts';
import { assertSchemaName } from '../db/migrate.ts';
import { verifySignatureAsync } from './ledger-keys.ts';
import { chainOf, GENESIS_HASH, hashBody } from './ledger-entry.ts';

export interface LedgerProblem {
  /** The chain, and the position in it (seq column), where that chain's walk stopped. */
  chain: number;
  seq: number;
  problem: 'modified' | 'missing' | 'out_of_order' | 'bad_signature' | 'unknown_key' | 'broken_link' | 'unsigned' | 'head_mismatch';
  message: string;
}

export interface ChainVerification {
  chain: number;
  /** Good entries walked before the first problem (all of them when ok). */
  entries: number;
  headSeq: number;
  /**
   * The chain's last entry as the walk verified it (seq and hash), when the whole chain verified and has entries: what
   * a snapshot of heads taken from this walk anchors (entries appended after it were not verified).
   */
  verifiedHead?: { seq: number; hash: string };
  firstProblem?: LedgerProblem;
}

export interface LedgerVerification {
  ok: boolean;
  /** Good entries over all chains. */
  entries: number;
  /** Sum of the chain heads' seq: the number of entries the heads account for. */
  headSeq: number;
  /** The first problem of the lowest-numbered bad chain; every chain's own is in `chains`. */
  firstProblem?: LedgerProblem;
  /** Each chain that has a head or entries, in chain order. */
  chains: ChainVerification[];
  durationMs: number;
}

interface Row {
  chain: number;
  seq: number;
  /** Global insertion order (not signed): it must grow along each chain, whose appends are serialised. */
  pos: string;
  /** `at` in microseconds since the epoch, as text. */
  at_us: string;
  kind: string;
  call_id: string | null;
  system: string | null;
  tool: string | null;
  action: string | null;
  principal_id: string | null;
  customer_id: string | null;
  order_id: string | null;
  conversation_id: string | null;
  body: string;
  hash: string;
  key_id: string;
  signature: string;
}

/** The columns copied from the signed body at append (each must still equal it), and the body field each comes from. */
const INDEXED: [keyof Row, (body: Record<string, unknown>) => unknown][] = [
  ['kind', (b) => b.kind], ['call_id', (b) => b.callId], ['system', (b) => b.system], ['tool', (b) => b.tool], ['action', (b) => b.action],
  ['principal_id', (b) => (b.principal as { id?: unknown } | undefined)?.id], ['customer_id', (b) => b.customerId],
  ['order_id', (b) => b.orderId], ['conversation_id', (b) => b.conversationId],
];

/** The signed time in microseconds since the epoch, as text ('NaN' when it is not a time). */
const signedMicros = (at: unknown): string => String(typeof at === 'string' ? Date.parse(at) * 1000 : Number.NaN);

/** What an entry's signature check needs, and where its chain's walk stood just before the entry. */
interface SignedCheck {
  row: Row;
  /** First entry of the run of unsigned entries before it that its signature also vouches for. */
  covers: number | undefined;
  /** Good entries before it. */
  entries: number;
  valid: Promise<boolean>;
}

const problemAt = (row: Row, problem: LedgerProblem['problem'], message: string): LedgerProblem => ({ chain: row.chain, seq: row.seq, problem, message: `chain ${row.chain} entry ${row.seq}: ${message}` });

/**
 * The checks of one entry that come before its signature: position, hash, body, columns, key, and that it was inserted
 * after the entry before it in its chain (`prevPos`).
 */
function checkContent(row: Row, expectedSeq: number, prevPos: bigint, keys: ReadonlyMap<string, KeyObject>): { problem: LedgerProblem } | { body: Record<string, unknown> } {
  const at = (problem: LedgerProblem['problem'], message: string) => ({ problem: problemAt(row, problem, message) });
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
  if (chainOf(body) !== row.chain) return at('modified', `it was signed in chain ${String(chainOf(body))} (the entry was moved to another chain)`);
  if (body.seq !== row.seq) return at('out_of_order', `it was signed as entry ${String(body.seq)} (entries were reordered or renumbered)`);
  for (const [column, field] of INDEXED) {
    const signed = field(body);
    if ((row[column] ?? undefined) !== signed) return at('modified', `column ${column} (${String(row[column])}) differs from the signed body (${String(signed)})`);
  }
  if (row.at_us !== signedMicros(body.at)) return at('modified', `column at differs from the signed body (${String(body.at)})`);
  if (!keys.has(row.key_id) || body.keyId !== row.key_id) return at('unknown_key', `signed with key ${row.key_id}, which is not a trusted ledger key`);
  if (BigInt(row.pos) <= prevPos) return at('out_of_order', `column pos (${row.pos}) is not after the previous entry's (${prevPos}): pos was edited (it orders \`ledger show\`)`);
  return { body };
}

function badSignature(check: SignedCheck): LedgerProblem {
  const { row, covers } = check;
  const alsoCovered = covers === undefined ? '' : `; entries ${covers}-${row.seq - 1}, which it covers, are not authentic either`;
  return problemAt(row, 'bad_signature', `its signature does not verify (forged, inserted or rewritten entries${alsoCovered})`);
}

/**
 * Walks one chain from its start, in pages; checks contiguity, hashes, signatures, links and its head. Each entry is
 * checked in order (position, hash, body, columns, key, signature, link) and the first problem is reported; the
 * signatures of a page are verified concurrently on the thread pool while the walk goes on, and their results are
 * read in order before any later problem is reported.
 */
async function verifyChain(q: Queryable, schema: string, chain: number, head: { seq: number; hash: string } | undefined, keys: ReadonlyMap<string, KeyObject>, pageSize: number): Promise<ChainVerification> {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let entries = 0;
  let prevPos = -1n;
  let unsignedFrom: number | undefined; // first entry not yet covered by a signature
  const headSeq = head?.seq ?? 0;
  /** A problem found in the walk: reported unless an earlier entry's signature fails first. */
  const failed = async (signatures: SignedCheck[], problem: LedgerProblem, good: number): Promise<ChainVerification> => {
    for (const check of signatures) if (!(await check.valid)) return { chain, entries: check.covers === undefined ? check.entries : check.covers - 1, headSeq, firstProblem: badSignature(check) };
    return { chain, entries: good, headSeq, firstProblem: problem };
  };
  for (let after = 0; ; ) {
    const rows = await q.query<Row>(
      `SELECT chain, seq, pos::text AS pos, (extract(epoch FROM at) * 1000000)::bigint::text AS at_us, kind, call_id, system, tool,
              action, principal_id, customer_id, order_id, conversation_id, body, hash, key_id, signature
         FROM ${schema}.ledger WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [chain, after, pageSize],
    );
    const signatures: SignedCheck[] = [];
    for (const row of rows) {
      // Entries waiting for the signature that ends their append are good only once it verifies.
      const good = unsignedFrom === undefined ? entries : unsignedFrom - 1;
      const content = checkContent(row, expectedSeq, prevPos, keys);
      if ('problem' in content) return failed(signatures, content.problem, good);
      if (row.signature !== '') signatures.push({ row, covers: unsignedFrom, entries, valid: verifySignatureAsync(keys, row.key_id, row.hash, row.signature) });
      if (content.body.prev !== prev) return failed(signatures, problemAt(row, 'broken_link', 'it does not chain to the entry before it (an entry was inserted, deleted or reordered)'), good);
      if (row.signature === '') unsignedFrom ??= row.seq;
      else unsignedFrom = undefined;
      prev = row.hash;
      prevPos = BigInt(row.pos);
      expectedSeq += 1;
      entries += 1;
    }
    for (const check of signatures) {
      if (!(await check.valid)) return { chain, entries: check.covers === undefined ? check.entries : check.covers - 1, headSeq, firstProblem: badSignature(check) };
    }
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1]!.seq;
  }
  if (unsignedFrom !== undefined) {
    return {
      chain, entries: unsignedFrom - 1, headSeq,
      firstProblem: {
        chain, seq: unsignedFrom, problem: 'unsigned',
        message: `chain ${chain}: entries ${unsignedFrom}-${entries} are not covered by any signature (the signed entry that ended their append was deleted, or they were added)`,
      },
    };
  }
  if (!head || head.seq !== entries || head.hash !== prev) {
    const said = head ? `says ${head.seq} entries ending in ${head.hash.slice(0, 12)}` : 'is missing';
    return {
      chain, entries, headSeq,
      firstProblem: {
        chain, seq: entries, problem: 'head_mismatch',
        message: `chain ${chain}: its head ${said}, the table has ${entries} ending in ${prev.slice(0, 12)} (entries were deleted from or added to the end)`,
      },
    };
  }
  return { chain, entries, headSeq, ...(entries > 0 ? { verifiedHead: { seq: entries, hash: prev } } : {}) };
}

const isDatabase = (q: Queryable): q is Database => typeof (q as Partial<Database>).transaction === 'function';

/**
 * Walks every chain (each head, and any chain number found in the table) from its start, and reports the first bad
 * entry of each. Reads in pages so 100k+ entries stay in constant memory.
 */
export async function verifyLedger(q: Queryable, schema: string, keys: ReadonlyMap<string, KeyObject>, pageSize = 5000): Promise<LedgerVerification> {
  assertSchemaName(schema);
  // Given the database, read it all in one snapshot: heads and rows as of one moment, so appends while it runs (a
  // live ledger) are neither half seen nor reported as a tampered tail. Given a transaction, the caller's view stands.
  if (isDatabase(q)) {
    return q.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return verifyLedger(tx, schema, keys, pageSize);
    });
  }
  const started = performance.now();
  const heads = await q.query<{ id: number; seq: number; hash: string }>(`SELECT id, seq, hash FROM ${schema}.ledger_head ORDER BY id`);
  const used = await q.query<{ chain: number }>(`SELECT DISTINCT chain FROM ${schema}.ledger`);
  const numbers = [...new Set([...heads.map((h) => h.id), ...used.map((u) => u.chain)])].sort((a, b) => a - b);
  const chains: ChainVerification[] = [];
  for (const chain of numbers) chains.push(await verifyChain(q, schema, chain, heads.find((h) => h.id === chain), keys, pageSize));
  const firstProblem = chains.find((c) => c.firstProblem)?.firstProblem;
  return {
    ok: firstProblem === undefined,
    entries: chains.reduce((n, c) => n + c.entries, 0),
    headSeq: chains.reduce((n, c) => n + c.headSeq, 0),
    chains,
    durationMs: performance.now() - started,
    ...(firstProblem ? { firstProblem } : {}),
  };
}
