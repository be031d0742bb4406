import { createHash, randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { assertSchemaName } from '../db/migrate.ts';
import { LEDGER_CHAINS } from '../kit-migrations.ts';
import type { LedgerSigner } from './ledger-keys.ts';
import { entryBody, hashBody, type LedgerEntry, type LedgerRecord } from './ledger-entry.ts';

/** A data-modifying statement with its own $1..$n parameters. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

export interface Ledger {
  readonly schema: string;
  readonly signer: LedgerSigner;
  /**
   * Appends records, chained and signed, inside the caller's transaction `tx` (so entries commit with the effect).
   * They go to one of LEDGER_CHAINS chains: the lowest-numbered chain whose head no other transaction holds. That
   * head row stays locked until the transaction ends, so each chain stays linear; concurrent writes use different
   * chains and queue only when every chain is taken.
   * `alongside` is run in the same statement (as a data-modifying CTE), saving a round trip.
   */
  append(tx: Queryable, records: readonly LedgerRecord[], now: Date, alongside?: SqlStatement): Promise<LedgerEntry[]>;
  /** Entries about one order, conversation or customer, oldest first. */
  find(q: Queryable, filter: { orderId?: string; conversationId?: string; customerId?: string; callId?: string }): Promise<LedgerEntry[]>;
}

interface LedgerRow {
  chain?: number;
  seq: number;
  body: string;
  hash: string;
  key_id: string;
  signature: string;
}

export function rowToEntry(row: LedgerRow): LedgerEntry {
  const body = JSON.parse(row.body) as Omit<LedgerEntry, 'hash' | 'signature'>;
  return { ...body, chain: body.chain ?? 1, seq: row.seq, hash: row.hash, keyId: row.key_id, signature: row.signature };
}

interface Head {
  id: number;
  seq: number;
  hash: string;
}

/** Locks a chain's head for this transaction: a free one if any, else queues on one picked by the call id. */
async function lockHead(tx: Queryable, schema: string, callId: string | undefined): Promise<Head> {
  const [free] = await tx.query<Head>(`SELECT id, seq, hash FROM ${schema}.ledger_head ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`);
  if (free) return free;
  const chain = 1 + (createHash('sha256').update(callId ?? randomUUID()).digest().readUInt32BE(0) % LEDGER_CHAINS);
  const [head] = await tx.query<Head>(`SELECT id, seq, hash FROM ${schema}.ledger_head WHERE id = $1 FOR UPDATE`, [chain]);
  if (!head) throw new Error(`ledger head ${chain} of schema ${schema} is missing: run the kit migrations`);
  return head;
}

export function createLedger(schema: string, signer: LedgerSigner): Ledger {
  assertSchemaName(schema);
  return {
    schema,
    signer,
    async append(tx, records, now, alongside) {
      if (records.length === 0) return [];
      const head = await lockHead(tx, schema, records[0]!.callId);
      const chain = head.id;
      let { seq, hash: prev } = head;
      const at = now.toISOString();
      const entries: LedgerEntry[] = [];
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (const record of records) {
        seq += 1;
        const unsigned = { ...record, chain, seq, at, prev, keyId: signer.keyId };
        const body = entryBody(unsigned);
        const hash = hashBody(body);
        const entry: LedgerEntry = { ...unsigned, hash, signature: signer.sign(hash) };
        entries.push(entry);
        const row = [chain, seq, at, record.kind, record.callId, record.system, record.tool, record.action, record.principal?.id,
          record.conversationId, record.customerId, record.orderId, body, hash, signer.keyId, entry.signature];
        tuples.push(`(${row.map((_, i) => `$${values.length + i + 1}`).join(', ')})`);
        values.push(...row.map((v) => v ?? null));
        prev = hash;
      }
      const params = [...values, seq, prev, chain];
      let extra = '';
      if (alongside) {
        const offset = params.length;
        extra = `, alongside AS (${alongside.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)} RETURNING 1)`;
        params.push(...alongside.params);
      }
      await tx.query(
        `WITH appended AS (
           INSERT INTO ${schema}.ledger (chain, seq, at, kind, call_id, system, tool, action, principal_id, conversation_id, customer_id,
             order_id, body, hash, key_id, signature) VALUES ${tuples.join(', ')} RETURNING 1)${extra}
         UPDATE ${schema}.ledger_head SET seq = $${values.length + 1}, hash = $${values.length + 2} WHERE id = $${values.length + 3}`,
        params,
      );
      return entries;
    },
    async find(q, filter) {
      const clauses: string[] = [];
      const params: unknown[] = [];
      const add = (column: string, value: string | undefined) => {
        if (value === undefined) return;
        params.push(value);
        clauses.push(`${column} = $${params.length}`);
      };
      add('order_id', filter.orderId);
      add('conversation_id', filter.conversationId);
      add('customer_id', filter.customerId);
      add('call_id', filter.callId);
      if (clauses.length === 0) throw new Error('ledger.find needs an order, conversation, customer or call id');
      // Entries of a call that touched the order are included even when only some of them name it.
      const rows = await q.query<LedgerRow>(
        `SELECT chain, seq, body, hash, key_id, signature FROM ${schema}.ledger
          WHERE call_id IN (SELECT call_id FROM ${schema}.ledger WHERE ${clauses.join(' AND ')} AND call_id IS NOT NULL)
             OR (${clauses.join(' AND ')})
          ORDER BY pos`,
        params,
      );
      return rows.map(rowToEntry);
    },
  };
}
