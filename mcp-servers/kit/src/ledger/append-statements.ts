import { refuseSql } from '../write-refusal.ts';
import type { Alongside } from './ledger.ts';

export const COLUMNS = 'chain, seq, at, kind, call_id, system, tool, action, principal_id, conversation_id, customer_id, order_id, body, hash, key_id, signature';
/** Column types, for VALUES read through SELECT (whose parameters PostgreSQL cannot type from the target columns). */
export const TYPES = ['int', 'bigint', 'timestamptz', ...Array<string>(13).fill('text')];

/** "($1::int, $2::bigint, ...), (...)" for `count` rows of COLUMNS; `typed` adds the casts VALUES under SELECT needs. */
function valuesList(count: number, typed: boolean): string {
  const tuples: string[] = [];
  for (let r = 0; r < count; r += 1) tuples.push(`(${TYPES.map((type, i) => `$${r * TYPES.length + i + 1}${typed ? `::${type}` : ''}`).join(', ')})`);
  return tuples.join(', ');
}

/** `alongside`'s CTEs and columns, each prefixed with a comma (or ''), their $n renumbered to start after `offset`. */
function renumbered(alongside: Alongside | undefined, offset: number): { ctes: string; columns: string } {
  if (!alongside) return { ctes: '', columns: '' };
  const renumber = (sql: string) => sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  return { ctes: alongside.ctes ? `, ${renumber(alongside.ctes)}` : '', columns: alongside.columns ? `, ${renumber(alongside.columns)}` : '' };
}

/**
 * The SQL of a ledger append in `schema`, by path (`guessed`: one statement that moves the head only if it still is
 * the guessed one; `locked`: after the head was locked), number of records and the alongside CTEs. A `final` guessed
 * append raises the `staleHead` refusal instead of returning n = 0 (its transaction commits right behind it). The texts depend
 * only on those, so each is built once (a write's append is the same text every time, and the engine prepares it by
 * text). Parameters: the rows' (TYPES.length each), the new head's seq, hash and chain, [the guessed seq and hash],
 * then the alongside's.
 */
export function appendStatements(schema: string) {
  const texts = new Map<string, Map<string, string>>(); // by the alongside CTEs (callers reuse one string), then path, count, columns
  return function statement(path: 'guessed' | 'locked', count: number, alongside: Alongside | undefined, final = false): string {
    let byShape = texts.get(alongside?.ctes ?? '');
    if (!byShape) {
      if (texts.size >= 64) texts.clear(); // a bound, should callers ever vary their CTEs without end
      texts.set(alongside?.ctes ?? '', (byShape = new Map()));
    }
    const id = `${path}${count}${final ? 'f' : ''}|${alongside?.columns ?? ''}`;
    let sql = byShape.get(id);
    if (sql !== undefined) return sql;
    const next = count * TYPES.length + 1; // the new head's seq, hash and chain follow the rows' parameters
    if (path === 'guessed') {
      const extra = renumbered(alongside, next + 4); // after the guessed head's seq and hash
      // The select list reads `head` first, so `alongside` runs once the chain head row is locked (a fixed lock order).
      sql = `WITH head AS (
         UPDATE ${schema}.ledger_head SET seq = $${next}, hash = $${next + 1}
          WHERE id = $${next + 2} AND seq = $${next + 3} AND hash = $${next + 4} RETURNING id),
       appended AS (
         INSERT INTO ${schema}.ledger (${COLUMNS}) SELECT * FROM (VALUES ${valuesList(count, true)}) v WHERE EXISTS (SELECT 1 FROM head) RETURNING 1)
       ${extra.ctes}
       SELECT (SELECT count(*)::int FROM head) AS n${final ? `, CASE WHEN NOT EXISTS (SELECT 1 FROM head) THEN ${refuseSql(schema, 'staleHead', 'the guessed ledger chain head had moved')} END AS stale` : ''}${extra.columns}`;
    } else {
      const extra = renumbered(alongside, next + 2);
      sql = `WITH appended AS (INSERT INTO ${schema}.ledger (${COLUMNS}) VALUES ${valuesList(count, false)} RETURNING 1),
       head AS (UPDATE ${schema}.ledger_head SET seq = $${next}, hash = $${next + 1} WHERE id = $${next + 2} RETURNING 1)
       ${extra.ctes}
       SELECT (SELECT count(*)::int FROM head) AS n${extra.columns}`;
    }
    if (byShape.size >= 64) byShape.clear();
    byShape.set(id, sql);
    return sql;
  };
}
