import { describe, expect, it } from 'vitest';
import { hitAt, ndcgAt, percentile, recallAt } from './ranking-metrics.ts';

describe('ranking metrics', () => {
  const relevance = { a: 3, b: 1, c: 2 };

  it('nDCG is 1 for the ideal order and lower otherwise', () => {
    expect(ndcgAt(['a', 'c', 'b'], relevance, 10)).toBeCloseTo(1, 12);
    const worse = ndcgAt(['b', 'c', 'a'], relevance, 10);
    expect(worse).toBeLessThan(1);
    // DCG = 1/1 + 3/log2(3) + 7/2 ; IDCG = 7 + 3/log2(3) + 1/2
    expect(worse).toBeCloseTo((1 + 3 / Math.log2(3) + 7 / 2) / (7 + 3 / Math.log2(3) + 1 / 2), 12);
    expect(ndcgAt(['x'], relevance, 10)).toBe(0);
  });

  it('recall counts relevant ids found, out of what fits in k', () => {
    expect(recallAt(['a', 'x', 'b'], relevance, 50)).toBeCloseTo(2 / 3, 12);
    expect(recallAt(['a'], relevance, 1)).toBe(1);
  });

  it('hit@k and nearest-rank percentiles', () => {
    expect(hitAt(['x', 'y', 'z'], 'z', 3)).toBe(1);
    expect(hitAt(['x', 'y', 'z'], 'z', 2)).toBe(0);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([...Array(100).keys()].map((i) => i + 1), 99)).toBe(99);
  });
});
