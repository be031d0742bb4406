import type { Queryable } from './database.ts';

/**
 * Rows a transaction read locked and has not changed yet, per transaction handle: a write tool's assessment reads
 * the row locked (so the policy decides on exactly what the change will change), and the change then takes that row
 * instead of reading and locking it again — the lock means no one else can have changed it. Each is taken once: a
 * later change in the same transaction reads the row afresh (it may have been changed since, by this transaction).
 * Keys are the caller's (e.g. "schema.id"); handles are held weakly, so rows go with their transaction.
 */
export function heldRows<Row>() {
  const held = new WeakMap<Queryable, Map<string, Row>>();
  return {
    /** Notes `row`, just read with FOR UPDATE through `q`. */
    hold(q: Queryable, key: string, row: Row): void {
      let rows = held.get(q);
      if (!rows) held.set(q, (rows = new Map()));
      rows.set(key, row);
    },
    /** The row noted under `key` for `q`, forgotten as it is returned; undefined when there is none. */
    take(q: Queryable, key: string): Row | undefined {
      const rows = held.get(q);
      const row = rows?.get(key);
      if (row !== undefined) rows!.delete(key);
      return row;
    },
  };
}
