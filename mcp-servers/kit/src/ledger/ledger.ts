import { createHash, randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { assertSchemaName } from '../db/migrate.ts';
import { LEDGER_CHAINS } from '../kit-migrations.ts';
import { appendStatements } from './append-statements.ts';
import { headCache, type KnownHead } from './head-cache.ts';
import type { LedgerSigner } from './ledger-keys.ts';
import { entryBody, hashBody, redactedData, type LedgerEntry, type LedgerRecord } from './ledger-entry.ts';
import { refusalOf } from '../write-refusal.ts';
import { findEntries, type EntryFilter } from './ledger-find.ts';

/**
 * Common table expressions run in the same statement as a ledger append (saving a round trip), with their own
 * $1..$n parameters: `ctes` is "name AS (...)[, name2 AS (...)]"; `columns` is a select list over them whose values
 * the append returns (e.g. "EXISTS (SELECT 1 FROM claimed) AS claimed"). They run exactly once, after the chain head
 * row is locked.
 */
export interface Alongside {
  ctes: string;
  params: unknown[];
  columns?: string;
}

export interface Ledger {
  readonly schema: string;
  readonly signer: LedgerSigner;
  /**
   * Appends records, chained, inside the caller's transaction `tx` (so entries commit with the effect); the last
   * entry is signed, and its hash covers the others through the chain (docs/decisions/0700).
   * They go to one of LEDGER_CHAINS chains: the lowest-numbered chain whose head no other transaction holds. That
   * head row stays locked until the transaction ends, so each chain stays linear; concurrent writes use different
   * chains and queue only when every chain is taken.
   * `held`, when given, settles once `tx` has ended: until then this process does not guess that chain's head for
   * another append.
   */
  append(tx: Queryable, records: readonly LedgerRecord[], now: Date, held?: Promise<unknown>): Promise<LedgerEntry[]>;
  /**
   * `append`, running `alongside` in the same statement; returns the entries and the values of `alongside.columns`.
   * `final`: this statement is the transaction's last, sent with its COMMIT where the engine can (`queryAndCommit`);
   * a guessed head that had moved then raises the `staleHead` refusal (write-refusal.ts) instead of taking the locked
   * path. `guess: false` takes the locked path at once (e.g. to run again after that refusal).
   */
  appendWith<Row extends Record<string, unknown>>(
    tx: Queryable, records: readonly LedgerRecord[], now: Date, alongside: Alongside, held?: Promise<unknown>, options?: AppendOptions,
  ): Promise<{ entries: LedgerEntry[]; row: Row }>;
  /** Entries about one order, conversation or customer, oldest first. */
  find(q: Queryable, filter: EntryFilter): Promise<LedgerEntry[]>;
}

export interface AppendOptions {
  final?: boolean;
  guess?: boolean;
}

/**
 * Locks a chain's head for this transaction: the lowest-numbered one no other transaction holds (those in `avoid`
 * last), else queues on one picked by the call id.
 */
async function lockHead(tx: Queryable, schema: string, callId: string | undefined, avoid: number[]): Promise<KnownHead> {
  const [free] = await tx.query<KnownHead>(
    `SELECT id, seq, hash FROM ${schema}.ledger_head ORDER BY id = ANY($1::int[]), id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [avoid],
  );
  if (free) return free;
  const chain = 1 + (createHash('sha256').update(callId ?? randomUUID()).digest().readUInt32BE(0) % LEDGER_CHAINS);
  const [head] = await tx.query<KnownHead>(`SELECT id, seq, hash FROM ${schema}.ledger_head WHERE id = $1 FOR UPDATE`, [chain]);
  if (!head) throw new Error(`ledger head ${chain} of schema ${schema} is missing: run the kit migrations`);
  return head;
}

/** How an append took its chain head (for metrics: many stale guesses mean processes contend for the same chains). */
export type AppendPath = 'guessed' | 'locked' | 'stale_guess';

export function createLedger(schema: string, signer: LedgerSigner, { onAppend }: { onAppend?: (path: AppendPath) => void } = {}): Ledger {
  assertSchemaName(schema);
  const cache = headCache();

  /**
   * Chains `records` after `head` and signs the last one; the parameters end with the new head's seq, hash and chain id.
   */
  function build(head: KnownHead, records: readonly LedgerRecord[], now: Date) {
    const chain = head.id;
    let { seq, hash: prev } = head;
    const at = now.toISOString();
    const entries: LedgerEntry[] = [];
    const params: unknown[] = [];
    for (const record of records) {
      seq += 1;
      // Built field by field (not spread from `record`: one object shape for every entry keeps this path fast).
      const entry: LedgerEntry = {
        kind: record.kind, callId: record.callId, system: record.system, tool: record.tool, action: record.action, principal: record.principal,
        conversationId: record.conversationId, customerId: record.customerId, orderId: record.orderId,
        // Redacted here, for every record whoever built it (a note, an error message): the body is hashed after.
        data: redactedData(record.data),
        chain, seq, at, prev, keyId: signer.keyId, hash: '', signature: '',
      };
      const body = entryBody(entry);
      const hash = hashBody(body);
      entry.hash = hash;
      // One signature per append, on its last entry: that hash commits to every earlier entry through `prev` (0700).
      if (seq === head.seq + records.length) entry.signature = signer.sign(hash);
      entries.push(entry);
      params.push(chain, seq, at, record.kind, record.callId ?? null, record.system ?? null, record.tool ?? null, record.action ?? null,
        record.principal?.id ?? null, record.conversationId ?? null, record.customerId ?? null, record.orderId ?? null, body, hash, signer.keyId, entry.signature);
      prev = hash;
    }
    params.push(seq, prev, chain);
    return { entries, params, head: { id: chain, seq, hash: prev } };
  }

  const statement = appendStatements(schema);

  /** Runs an append's statement: the transaction's last one (with its COMMIT, where the engine can) when `final`. */
  const run = (tx: Queryable, sql: string, params: unknown[], final: boolean) =>
    final && tx.queryAndCommit ? tx.queryAndCommit<Record<string, unknown>>(sql, params) : tx.query<Record<string, unknown>>(sql, params);

  /** The locked path: takes a free chain head (locked until `tx` ends) and appends after it. */
  async function appendLocked(tx: Queryable, records: readonly LedgerRecord[], now: Date, alongside: Alongside | undefined, held: Promise<unknown> | undefined, final = false) {
    const head = await lockHead(tx, schema, records[0]!.callId, cache.avoid());
    const built = build(head, records, now);
    if (alongside) built.params.push(...alongside.params);
    const [row] = await run(tx, statement('locked', records.length, alongside), built.params, final);
    cache.remember(built.head, held);
    onAppend?.('locked');
    return { entries: built.entries, row };
  }

  /**
   * One append. With a guessed head it is one statement; a stale guess then takes the locked path. `alongside` runs
   * exactly once: in the first statement (guessed or locked), never again.
   */
  async function appendRecords(tx: Queryable, records: readonly LedgerRecord[], now: Date, alongside: Alongside | undefined, held: Promise<unknown> | undefined, options: AppendOptions = {}) {
    const final = options.final ?? false;
    const guess = options.guess === false ? undefined : cache.take();
    if (!guess) return appendLocked(tx, records, now, alongside, held, final);
    const built = build(guess, records, now);
    built.params.push(guess.seq, guess.hash);
    if (alongside) built.params.push(...alongside.params);
    let row: Record<string, unknown> | undefined;
    try {
      [row] = await run(tx, statement('guessed', records.length, alongside, final), built.params, final);
    } catch (error) {
      // A final append on a moved head raised: the guess was wrong. Any other failure left the head where it was.
      const stale = refusalOf(error) === 'staleHead';
      cache.settle(guess.id, stale ? undefined : guess);
      if (stale) onAppend?.('stale_guess');
      throw error;
    }
    const won = row?.n === 1;
    cache.settle(guess.id, won ? built.head : undefined, held);
    onAppend?.(won ? 'guessed' : 'stale_guess');
    if (won) return { entries: built.entries, row };
    return { entries: (await appendLocked(tx, records, now, undefined, held)).entries, row };
  }

  return {
    schema,
    signer,
    async append(tx, records, now, held) {
      if (records.length === 0) return [];
      return (await appendRecords(tx, records, now, undefined, held)).entries;
    },
    async appendWith<Row extends Record<string, unknown>>(tx: Queryable, records: readonly LedgerRecord[], now: Date, alongside: Alongside, held?: Promise<unknown>, options?: AppendOptions) {
      if (records.length === 0) throw new Error('ledger.appendWith needs at least one record');
      const { entries, row } = await appendRecords(tx, records, now, alongside, held, options);
      return { entries, row: (row ?? {}) as Row };
    },
    find: (q, filter) => findEntries(q, schema, filter),
  };
}
