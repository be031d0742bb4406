import { inverseDocumentFrequency } from '../sparse/bm25.ts';
import { matchesFilter } from './payload-filter.ts';
import { PostingList } from './posting-list.ts';
import { TopK } from './top-k.ts';
import type { CollectionSpec, Filter, Payload, ScoredPoint, SparseVector, StoredPoint } from './vector-store.ts';

/**
 * One collection held in memory: points by slot, an inverted index over the sparse vectors (exact BM25 scoring
 * with the same IDF formula as Qdrant) and brute-force cosine similarity over the dense vectors.
 */
export class EmbeddedCollection {
  metadata: Record<string, unknown> | undefined;
  private readonly slots: (StoredPoint | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  private readonly postings = new Map<number, PostingList>();
  private scores = new Float64Array(0);

  constructor(readonly spec: CollectionSpec) {}

  get size(): number {
    return this.slotOf.size;
  }

  points(): StoredPoint[] {
    return this.slots.filter((p): p is StoredPoint => p !== undefined);
  }

  get(id: string): StoredPoint | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.slots[slot];
  }

  upsert(point: StoredPoint): void {
    this.remove(point.id);
    const slot = this.free.pop() ?? this.slots.length;
    this.slots[slot] = point;
    this.slotOf.set(point.id, slot);
    const { indices, values } = point.sparse;
    for (let i = 0; i < indices.length; i++) {
      const index = indices[i] as number;
      let posting = this.postings.get(index);
      if (!posting) this.postings.set(index, (posting = new PostingList()));
      posting.add(slot, values[i] as number);
    }
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const point = this.slots[slot] as StoredPoint;
    for (const index of point.sparse.indices) {
      const posting = this.postings.get(index);
      posting?.remove(slot);
      if (posting?.size === 0) this.postings.delete(index);
    }
    this.slots[slot] = undefined;
    this.slotOf.delete(id);
    this.free.push(slot);
  }

  setPayload(id: string, patch: Payload): boolean {
    const point = this.get(id);
    if (!point) return false;
    point.payload = { ...point.payload, ...patch };
    return true;
  }

  searchSparse(query: SparseVector, filter: Filter | undefined, limit: number): ScoredPoint[] {
    if (this.scores.length < this.slots.length) this.scores = new Float64Array(Math.max(this.slots.length, 2 * this.scores.length));
    const scores = this.scores;
    const touched: number[] = [];
    const total = this.size;
    query.indices.forEach((index, i) => {
      const posting = this.postings.get(index);
      if (!posting) return;
      const weight = inverseDocumentFrequency(total, posting.size) * (query.values[i] as number);
      const { slots, values, size } = posting;
      for (let j = 0; j < size; j++) {
        const slot = slots[j] as number;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = (scores[slot] as number) + weight * (values[j] as number);
      }
    });
    const top = new TopK<ScoredPoint>(limit);
    for (const slot of touched) {
      const score = scores[slot] as number;
      scores[slot] = 0;
      if (score <= 0 || !top.admits(score)) continue;
      const point = this.slots[slot] as StoredPoint;
      if (matchesFilter(point.payload, filter)) top.push({ id: point.id, score, payload: point.payload });
    }
    return top.sorted();
  }

  searchDense(query: readonly number[], filter: Filter | undefined, limit: number): ScoredPoint[] {
    const queryNorm = Math.hypot(...query);
    const top = new TopK<ScoredPoint>(limit);
    if (queryNorm === 0) return [];
    for (const point of this.slots) {
      if (!point?.dense || !matchesFilter(point.payload, filter)) continue;
      let dot = 0;
      let norm = 0;
      for (let i = 0; i < query.length; i++) {
        const value = point.dense[i] ?? 0;
        dot += (query[i] as number) * value;
        norm += value * value;
      }
      if (norm === 0) continue;
      top.push({ id: point.id, score: dot / (queryNorm * Math.sqrt(norm)), payload: point.payload });
    }
    return top.sorted();
  }
}
