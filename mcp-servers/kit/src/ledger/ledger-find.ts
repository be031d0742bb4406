import type { Queryable } from '../db/database.ts';
import type { LedgerEntry } from './ledger-entry.ts';

/** Which entries `Ledger.find` returns: those about one order, conversation, customer or call (at least one given). */
export interface EntryFilter {
  orderId?: string;
  conversationId?: string;
  customerId?: string;
  callId?: string;
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

/**
 * Entries matching `filter` in `schema`'s ledger, oldest first, with every entry of a call that any of them belongs to.
 * Ordered by their signed time, then by insertion (`pos`): `verifyLedger` checks both `at` against the signed body and
 * that `pos` grows along each chain, so an edited row cannot reorder a history without verify reporting it (only
 * entries of one millisecond in different chains keep an order that is not signed).
 */
export async function findEntries(q: Queryable, schema: string, filter: EntryFilter): Promise<LedgerEntry[]> {
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
      ORDER BY at, pos`,
    params,
  );
  return rows.map(rowToEntry);
}
