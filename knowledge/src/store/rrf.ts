import { RRF_K, type ScoredPoint } from './vector-store.ts';

/** Reciprocal rank fusion: score(d) = Σ 1 / (k + rank(d)), ranks counted from 1. Ties keep first-list order. */
export function reciprocalRankFusion(lists: readonly (readonly ScoredPoint[])[], limit: number, k = RRF_K): ScoredPoint[] {
  const fused = new Map<string, { point: ScoredPoint; score: number; first: number }>();
  let order = 0;
  for (const list of lists) {
    list.forEach((point, rank) => {
      const entry = fused.get(point.id) ?? { point, score: 0, first: order++ };
      entry.score += 1 / (k + rank + 1);
      fused.set(point.id, entry);
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.first - b.first)
    .slice(0, limit)
    .map(({ point, score }) => ({ id: point.id, score, payload: point.payload }));
}
