import type { Queryable } from '@agentic-commerce/kit';

/** Column types the bulk loader can send as one array parameter each. */
export type BulkColumnType = 'text' | 'integer' | 'numeric' | 'boolean' | 'jsonb' | 'text[]' | 'timestamptz';

export interface BulkColumn {
  name: string;
  type: BulkColumnType;
}

/** Rows per statement: large enough to amortise round trips, small enough for PGlite's memory. */
export const BULK_CHUNK_ROWS = 5000;

// jsonb and text[] values travel as JSON text (a 2-D array parameter can't carry ragged lists) and are cast back.
const paramType = (t: BulkColumnType) => (t === 'jsonb' || t === 'text[]' ? 'text' : t);
const selectExpr = (c: BulkColumn, i: number) =>
  c.type === 'jsonb' ? `c${i}::jsonb` : c.type === 'text[]' ? `ARRAY(SELECT jsonb_array_elements_text(c${i}::jsonb))` : `c${i}`;
const encode = (t: BulkColumnType, v: unknown) => (v === null || v === undefined ? null : t === 'jsonb' || t === 'text[]' ? JSON.stringify(v) : v);

/**
 * `INSERT INTO table (...) SELECT ... FROM unnest($1::text[], $2::integer[], ...)`: one statement per chunk,
 * whatever the number of rows.
 */
export async function bulkInsert(q: Queryable, table: string, columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[]): Promise<void> {
  const names = columns.map((c) => c.name).join(', ');
  const params = columns.map((c, i) => `$${i + 1}::${paramType(c.type)}[]`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT ${columns.map(selectExpr).join(', ')} FROM unnest(${params}) AS u(${aliases})`;
  for (let start = 0; start < rows.length; start += BULK_CHUNK_ROWS) {
    const chunk = rows.slice(start, start + BULK_CHUNK_ROWS);
    const arrays = columns.map((c, i) => chunk.map((row) => encode(c.type, row[i])));
    await q.query(sql, arrays);
  }
}
