import { termIndex } from './term-index.ts';
import type { SparseVector } from '../store/vector-store.ts';

/** Okapi BM25 parameters (the usual defaults). IDF is applied by the store at query time (Qdrant's IDF modifier). */
export const BM25 = { k1: 1.2, b: 0.75 } as const;

/** A field of a document with its weight: a term in a weight-3 field counts as three occurrences. */
export interface WeightedField {
  terms: readonly string[];
  weight: number;
}

export function documentLength(fields: readonly WeightedField[]): number {
  return fields.reduce((sum, field) => sum + field.terms.length * field.weight, 0);
}

/**
 * The document side of BM25: for each term, tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLength)), where tf is the
 * field-weighted term frequency. The store multiplies by idf(term) × the query weight, which is exactly BM25.
 */
export function encodeDocument(fields: readonly WeightedField[], averageLength: number): SparseVector {
  const frequencies = new Map<string, number>();
  for (const field of fields) {
    for (const term of field.terms) frequencies.set(term, (frequencies.get(term) ?? 0) + field.weight);
  }
  const length = documentLength(fields);
  const norm = BM25.k1 * (1 - BM25.b + (BM25.b * length) / Math.max(averageLength, 1));
  return toSparse([...frequencies].map(([term, tf]) => [term, (tf * (BM25.k1 + 1)) / (tf + norm)]));
}

/** The query side: each distinct term with its weight (1 for a term as typed, less for a typo correction). */
export function encodeQuery(weights: ReadonlyMap<string, number>): SparseVector {
  return toSparse([...weights]);
}

function toSparse(entries: [string, number][]): SparseVector {
  const byIndex = new Map<number, number>();
  for (const [term, value] of entries) {
    const index = termIndex(term);
    // Two terms hashing to one dimension (rare at 32 bits) simply share it.
    byIndex.set(index, (byIndex.get(index) ?? 0) + value);
  }
  const sorted = [...byIndex].sort((a, b) => a[0] - b[0]);
  return { indices: sorted.map(([index]) => index), values: sorted.map(([, value]) => value) };
}

/** Qdrant's IDF: ln(1 + (N − n + 0.5) / (n + 0.5)). The embedded store uses the same formula. */
export function inverseDocumentFrequency(total: number, containing: number): number {
  return Math.log(1 + (total - containing + 0.5) / (containing + 0.5));
}
