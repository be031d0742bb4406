import { RRF_K, type ScoredPoint } from './vector-store.ts';

/**
 * Reciprocal rank fusion as Qdrant computes it (lib/segment/src/common/reciprocal_rank_fusion.rs, weight 1):
 * score(d) = Σ 1 / (position(d) + k), positions counted from 0, so the top of a list contributes 1/k.
 * Ties are broken by application id ascending, as every other search of both stores (see top-k.ts).
 */
export function reciprocalRankFusion(lists: readonly (readonly ScoredPoint[])[], limit: number, k = RRF_K): ScoredPoint[] {
  const fused = new Map<string, { point: ScoredPoint; score: number }>();
  for (const list of lists) {
    list.forEach((point, position) => {
      const entry = fused.get(point.id) ?? { point, score: 0 };
      entry.score += 1 / (position + k);
      fused.set(point.id, entry);
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || (a.point.id < b.point.id ? -1 : a.point.id > b.point.id ? 1 : 0))
    .slice(0, limit)
    .map(({ point, score }) => ({ id: point.id, score, payload: point.payload }));
}
