import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDocument, encodeQuery } from '../sparse/bm25.ts';
import { analyze } from '../text/analyzer.ts';
import type { CollectionSpec, StoredPoint, VectorStore } from './vector-store.ts';

export interface StoreUnderTest {
  store: VectorStore;
  /** Closes the store and opens it again on the same data (persistence check). */
  reopen: () => Promise<VectorStore>;
  cleanup: () => Promise<void>;
}

const doc = (id: string, text: string, payload: StoredPoint['payload'], dense?: number[]): StoredPoint => ({
  id,
  sparse: encodeDocument([{ terms: analyze(text), weight: 1 }], 4),
  dense,
  payload: { ...payload, text },
});
const query = (text: string) => encodeQuery(new Map(analyze(text).map((t) => [t, 1])));

const POINTS: StoredPoint[] = [
  doc('1001', 'blue wireless headphones', { category: 'audio', price: 120, available: true, tags: ['color:blue', 'connectivity:wireless'] }, [1, 0, 0]),
  doc('1002', 'red wired headphones', { category: 'audio', price: 80, available: false, tags: ['color:red', 'connectivity:wired'] }, [0.9, 0.1, 0]),
  doc('1003', 'blue cotton t-shirt', { category: 'apparel', price: 30, available: true, tags: ['color:blue', 'material:cotton'] }, [0, 1, 0]),
  doc('1004', 'black leather boots waterproof', { category: 'footwear', price: 240, available: true, tags: ['color:black'] }, [0, 0, 1]),
  doc('1005', 'black wireless earbuds', { category: 'audio', price: 199.5, available: true, tags: ['color:black', 'connectivity:wireless'] }, [0.7, 0, 0.3]),
];

// Rank and tie cases (collection "<prefix>_ranks", sparse vectors written directly so positions are exact).
const RANK_TERM = 11;
const OTHER_TERM = 12;
const TIE_TERM = 13;
const sparseTerm = (term: number, value = 1) => ({ indices: [term], values: [value] });
const angle = (i: number) => [Math.cos(i * 0.02), Math.sin(i * 0.02)];
const X_IDS = Array.from({ length: 59 }, (_, i) => `r-x${String(i + 1).padStart(2, '0')}`);
// Ids whose UUIDs (Qdrant's own tie order) are not in id order.
const TIE_IDS = Array.from({ length: 12 }, (_, i) => `t-${String(i).padStart(2, '0')}`);
const RANK_POINTS: StoredPoint[] = [
  { id: 'r-a', sparse: sparseTerm(RANK_TERM, 100), payload: {} },
  ...X_IDS.map((id, i) => ({ id, sparse: sparseTerm(RANK_TERM, 90 - i), dense: angle(i + 1), payload: {} })),
  { id: 'r-b', sparse: sparseTerm(RANK_TERM, 10), dense: angle(60), payload: {} },
  { id: 'r-c', sparse: sparseTerm(OTHER_TERM, 1), dense: [1, 0], payload: {} },
  ...TIE_IDS.map((id) => ({ id, sparse: sparseTerm(TIE_TERM, 2), payload: {} })),
];

/**
 * The one conformance suite for VectorStore implementations: the embedded store runs it always, Qdrant when
 * QDRANT_URL is set. Both must rank, filter, update and fuse identically.
 */
export function describeStoreConformance(name: string, open: (collectionPrefix: string) => Promise<StoreUnderTest>): void {
  describe(`VectorStore conformance: ${name}`, () => {
    const prefix = `conf_${randomBytes(3).toString('hex')}`;
    const spec: CollectionSpec = {
      name: `${prefix}_items`,
      denseSize: 3,
      indexes: [
        { key: 'category', type: 'keyword' },
        { key: 'price', type: 'float' },
        { key: 'available', type: 'bool' },
        { key: 'tags', type: 'keyword' },
      ],
    };
    const ranks: CollectionSpec = { name: `${prefix}_ranks`, denseSize: 2, indexes: [] };
    let subject: StoreUnderTest;
    let store: VectorStore;
    const ids = async (request: Parameters<VectorStore['search']>[1]) => (await store.search(spec.name, request)).map((p) => p.id);
    const ids2 = async (request: Parameters<VectorStore['search']>[1]) => (await store.search(ranks.name, request)).map((p) => p.id);

    beforeAll(async () => {
      subject = await open(prefix);
      store = subject.store;
      await store.ensureCollection(spec);
      await store.upsert(spec.name, POINTS);
      await store.ensureCollection(ranks);
      await store.upsert(ranks.name, RANK_POINTS);
    });
    afterAll(async () => {
      await store.dropCollection(ranks.name);
      await subject.cleanup();
    });

    it('ranks by BM25: more matched terms first, rarer terms weigh more', async () => {
      // 1001 matches all three terms; 1005 (3 terms long) outranks 1003 (5 terms long) on one equally rare term.
      const ranked = await ids({ sparse: query('blue wireless headphones'), limit: 4 });
      expect(ranked[0]).toBe('1001');
      expect(ranked.indexOf('1005')).toBeLessThan(ranked.indexOf('1003'));
      expect((await ids({ sparse: query('waterproof boots'), limit: 10 }))[0]).toBe('1004');
      expect(await ids({ sparse: query('submarine'), limit: 10 })).toEqual([]);
    });

    it('applies keyword, any-of, range and boolean filters exactly', async () => {
      const headphones = query('headphones earbuds wireless');
      expect(await ids({ sparse: headphones, limit: 10, filter: { must: [{ key: 'available', match: false }] } })).toEqual(['1002']);
      expect(await ids({ sparse: headphones, limit: 10, filter: { must: [{ key: 'price', range: { gte: 100, lte: 199.5 } }] } })).toEqual(['1005', '1001']);
      expect(await ids({ sparse: query('blue'), limit: 10, filter: { must: [{ key: 'category', match: 'apparel' }] } })).toEqual(['1003']);
      expect(await ids({ sparse: query('black'), limit: 10, filter: { must: [{ key: 'tags', any: ['connectivity:wireless', 'material:cotton'] }] } })).toEqual(['1005']);
    });

    it('fuses sparse and dense results with reciprocal rank fusion', async () => {
      const fused = await ids({ sparse: query('black boots'), dense: [1, 0, 0], limit: 3 });
      // sparse: 1004, 1005; dense: 1001, 1002, 1005, ... — 1005 is in both lists and wins.
      expect(fused[0]).toBe('1005');
      expect(fused).toHaveLength(3);
      expect(await ids({ dense: [0, 1, 0], limit: 1 })).toEqual(['1003']);
    });

    it('fuses with Qdrant\'s formula 1 / (k + position), positions from 0: position 60 in both lists ties position 0 in one', async () => {
      // Both lists: x01..x59 at positions 1..59 and r-b at position 60; r-a leads the sparse list only, r-c the dense
      // list only. r-a and r-c score 1/60, r-b 1/120 + 1/120 = 1/60: a three-way tie, broken by id.
      const fused = await store.search(ranks.name, { sparse: sparseTerm(RANK_TERM), dense: [1, 0], limit: 62 });
      expect(fused.slice(0, 59).map((p) => p.id)).toEqual(X_IDS);
      expect(fused.slice(59).map((p) => p.id)).toEqual(['r-a', 'r-b', 'r-c']);
      for (const point of fused.slice(59)) expect(point.score).toBeCloseTo(1 / 60, 6);
      expect(fused[0]?.score).toBeCloseTo(2 / 61, 6);
    });

    it('breaks score ties by application id ascending, also at the limit', async () => {
      expect(await ids2({ sparse: sparseTerm(TIE_TERM), limit: 3 })).toEqual(['t-00', 't-01', 't-02']);
      expect(await ids2({ sparse: sparseTerm(TIE_TERM), limit: 12 })).toEqual(TIE_IDS);
    });

    it('retrieves, lists by a numeric field, pages through everything and counts with filters', async () => {
      expect((await store.retrieve(spec.name, ['1003', 'missing'])).map((p) => [p.id, p.payload.category])).toEqual([['1003', 'apparel']]);
      const audio = { must: [{ key: 'category', match: 'audio' }] };
      expect((await store.list(spec.name, { orderBy: 'price', limit: 2, filter: audio })).map((p) => p.id)).toEqual(['1002', '1001']);
      const seen: string[] = [];
      for await (const page of store.pages(spec.name, 2)) seen.push(...page.map((p) => p.id));
      expect(seen.sort()).toEqual(['1001', '1002', '1003', '1004', '1005']);
      expect(await store.count(spec.name)).toBe(5);
      expect(await store.count(spec.name, { must: [{ key: 'category', match: 'audio' }] })).toBe(3);
    });

    it('updates incrementally: upsert replaces a point, setPayload patches it, delete removes it', async () => {
      await store.upsert(spec.name, [doc('1003', 'green linen shirt', { category: 'apparel', price: 30, available: true, tags: ['color:green'] }, [0, 1, 0])]);
      expect(await ids({ sparse: query('blue cotton'), limit: 10 })).not.toContain('1003');
      expect(await ids({ sparse: query('linen'), limit: 10 })).toEqual(['1003']);
      await store.setPayload(spec.name, '1001', { available: false, price: 99 });
      expect(await ids({ sparse: query('headphones'), limit: 10, filter: { must: [{ key: 'available', match: true }] } })).toEqual([]);
      expect((await store.retrieve(spec.name, ['1001']))[0]?.payload).toMatchObject({ price: 99, category: 'audio' });
      await store.delete(spec.name, ['1002']);
      expect(await ids({ sparse: query('red wired headphones'), limit: 10 })).toEqual(['1001']);
      expect(await store.count(spec.name)).toBe(4);
    });

    it('keeps collection metadata and everything else across a reopen', async () => {
      await store.writeMetadata(spec.name, { lexicon: { averageLength: 4, terms: ['blue'] } });
      await store.flush();
      store = await subject.reopen();
      expect(await store.readMetadata(spec.name)).toMatchObject({ lexicon: { averageLength: 4, terms: ['blue'] } });
      expect(await ids({ sparse: query('linen'), limit: 10 })).toEqual(['1003']);
      expect(await store.count(spec.name)).toBe(4);
    });
  });
}
