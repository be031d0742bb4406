import { describe, expect, it } from 'vitest';
import { termIndex } from './term-index.ts';
import { SparseEncoder } from './sparse-encoder.ts';
import { inverseDocumentFrequency } from './bm25.ts';

describe('SparseEncoder', () => {
  const { encoder } = SparseEncoder.fitted([
    [{ text: 'Headphones', weight: 3 }, { text: 'wireless over-ear black', weight: 1 }],
    [{ text: 'Electric Kettle', weight: 3 }, { text: 'stainless steel 1.5L', weight: 1 }],
    [{ text: 'Electric Toothbrush', weight: 3 }, { text: 'smart watch', weight: 1 }],
  ]);

  it('measures the average length and learns the vocabulary', () => {
    expect(encoder.lexicon.averageLength).toBeGreaterThan(0);
    expect(encoder.lexicon.has('headphon')).toBe(true);
    expect(encoder.lexicon.has('kettl')).toBe(true);
  });

  it('corrects a typo to known terms at reduced weight, and keeps known terms at weight 1', () => {
    const q = encoder.query('wireles headphnes');
    const weight = (term: string) => q?.values[q.indices.indexOf(termIndex(term))];
    expect(weight('wireless')).toBe(0.5);
    expect(weight('headphon')).toBe(0.5);
    expect(encoder.query('kettle')).toEqual({ indices: [termIndex('kettl')], values: [1] });
    expect(encoder.query('the of and')).toBeUndefined();
  });

  it('joins two words the index knows as one, and splits one word it knows as two', () => {
    expect(encoder.query('tooth brush')).toEqual(encoder.query('toothbrush'));
    expect(encoder.query('smartwatch')).toEqual({ indices: [termIndex('smart'), termIndex('watch')].sort((a, b) => a - b), values: [1, 1] });
  });

  it('gives a repeated, heavier-weighted term a larger document value (saturating)', () => {
    const one = encoder.document([{ text: 'kettle', weight: 1 }, { text: 'glass jug', weight: 1 }]);
    const three = encoder.document([{ text: 'kettle', weight: 3 }, { text: 'glass jug', weight: 1 }]);
    const value = (v: typeof one) => v.values[v.indices.indexOf(termIndex('kettl'))] as number;
    expect(value(three)).toBeGreaterThan(value(one));
    expect(value(three)).toBeLessThan(2.2);
  });

  it('uses the IDF formula of Qdrant', () => {
    expect(inverseDocumentFrequency(10, 1)).toBeCloseTo(Math.log(1 + 9.5 / 1.5), 12);
  });
});
