import type { ScoredPoint } from './vector-store.ts';

/** Extra points asked for beyond the limit on the first request. */
export const TIE_FETCH_EXTRA = 16;
/** Most points one search fetches while looking for the end of a tie at the cut-off. */
export const TIE_FETCH_MAX = 10_000;

/** Score descending, then application id ascending: the order of the embedded store (top-k.ts). */
export function byScoreThenId(a: ScoredPoint, b: ScoredPoint): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Returns the best `limit` points ordered by (score desc, id asc) from a backend that orders ties its own way
 * (Qdrant: by point UUID). Fetches `limit + 16`, and while the page is full and its last score still equals the score
 * at the cut-off (a tie may continue past it), fetches four times as many, up to TIE_FETCH_MAX points; then sorts and
 * cuts. Beyond TIE_FETCH_MAX points tied at the cut-off, which of them are returned is the backend's choice.
 * `fetch` is told which request this is (0 for the first), so that the requests after the first, which exist only to
 * find the end of a tie, can ask for no more than the ordering needs (score and id) and the caller fetches the full
 * payloads of the final `limit` points afterwards (the Qdrant adapter does).
 */
export async function tieCompleteSearch<P extends ScoredPoint>(limit: number, fetch: (limit: number, round: number) => Promise<P[]>): Promise<P[]> {
  if (limit <= 0) return [];
  let size = Math.min(limit + TIE_FETCH_EXTRA, Math.max(limit, TIE_FETCH_MAX));
  for (let round = 0; ; round++) {
    const points = await fetch(size, round);
    const cut = points[limit - 1];
    const last = points[points.length - 1];
    const complete = points.length < size || cut === undefined || last === undefined || last.score < cut.score;
    if (complete || size >= TIE_FETCH_MAX) return [...points].sort(byScoreThenId).slice(0, limit);
    size = Math.min(size * 4, TIE_FETCH_MAX);
  }
}
