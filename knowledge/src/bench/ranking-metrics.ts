/** Graded relevance: id -> grade (> 0 relevant). */
export type Relevance = Readonly<Record<string, number>>;

const gain = (grade: number) => 2 ** grade - 1;

/** nDCG@k with exponential gain (2^rel − 1) and log2 discount; 0 when nothing is relevant. */
export function ndcgAt(ranked: readonly string[], relevance: Relevance, k: number): number {
  const dcg = ranked.slice(0, k).reduce((sum, id, i) => sum + gain(relevance[id] ?? 0) / Math.log2(i + 2), 0);
  const ideal = Object.values(relevance)
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Share of the relevant ids (grade > 0) found in the first k, out of min(k, number relevant). */
export function recallAt(ranked: readonly string[], relevance: Relevance, k: number): number {
  const relevant = Object.entries(relevance).filter(([, g]) => g > 0).length;
  if (relevant === 0) return 0;
  const found = ranked.slice(0, k).filter((id) => (relevance[id] ?? 0) > 0).length;
  return found / Math.min(k, relevant);
}

export function hitAt(ranked: readonly string[], expected: string, k: number): number {
  return ranked.slice(0, k).includes(expected) ? 1 : 0;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Nearest-rank percentile of latencies (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
