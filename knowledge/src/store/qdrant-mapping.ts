import { createHash } from 'node:crypto';
import { RRF_K, type CollectionSpec, type Filter, type SearchRequest, type StoredPoint } from './vector-store.ts';

/** Names of the named vectors in every Qdrant collection this package creates. */
export const SPARSE_VECTOR = 'text';
export const DENSE_VECTOR = 'dense';
/** Payload key that keeps the application id (Qdrant ids must be integers or UUIDs). */
export const ID_KEY = 'doc_id';

/** Deterministic UUID (name-based, SHA-1, RFC 4122 version 5 layout) for an application id. */
export function pointId(id: string): string {
  const hex = createHash('sha1').update(`knowledge:${id}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Body of PUT /collections/{name}: a sparse vector with the IDF modifier, a cosine dense vector when configured. */
export function collectionBody(spec: CollectionSpec) {
  return {
    vectors: spec.denseSize ? { [DENSE_VECTOR]: { size: spec.denseSize, distance: 'Cosine' as const } } : {},
    sparse_vectors: { [SPARSE_VECTOR]: { modifier: 'idf' as const } },
  };
}

export function qdrantFilter(filter: Filter | undefined) {
  if (!filter || filter.must.length === 0) return undefined;
  return {
    must: filter.must.map((condition) => {
      if ('match' in condition) return { key: condition.key, match: { value: condition.match } };
      if ('any' in condition) return { key: condition.key, match: { any: condition.any } };
      const range: { gte?: number; lte?: number } = {};
      if (condition.range.gte !== undefined) range.gte = condition.range.gte;
      if (condition.range.lte !== undefined) range.lte = condition.range.lte;
      return { key: condition.key, range };
    }),
  };
}

export function qdrantPoint(point: StoredPoint) {
  const vector: Record<string, { indices: number[]; values: number[] } | number[]> = { [SPARSE_VECTOR]: point.sparse };
  if (point.dense) vector[DENSE_VECTOR] = point.dense;
  return { id: pointId(point.id), vector, payload: { ...point.payload, [ID_KEY]: point.id } };
}

/** Body of POST /collections/{name}/points/query for sparse, dense or hybrid (prefetch both, fuse with RRF). */
export function queryBody(request: SearchRequest) {
  const filter = qdrantFilter(request.filter);
  const common = { limit: request.limit, with_payload: true, ...(filter ? { filter } : {}) };
  if (request.sparse && request.dense) {
    const limit = request.prefetchLimit ?? Math.max(request.limit, 100);
    return {
      prefetch: [
        { query: request.sparse, using: SPARSE_VECTOR, limit, ...(filter ? { filter } : {}) },
        { query: request.dense, using: DENSE_VECTOR, limit, ...(filter ? { filter } : {}) },
      ],
      query: { rrf: { k: RRF_K } },
      ...common,
    };
  }
  if (request.sparse) return { query: request.sparse, using: SPARSE_VECTOR, ...common };
  return { query: request.dense as number[], using: DENSE_VECTOR, ...common };
}
