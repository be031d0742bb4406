/**
 * The storage interface both stores implement (embedded and Qdrant): named sparse ("text", BM25 with the IDF
 * modifier) and optional dense ("dense") vectors, a JSON payload with indexed fields, exact filters, and hybrid
 * search fused by reciprocal rank fusion. One conformance suite (store-conformance.ts) runs against both.
 */
export interface SparseVector {
  indices: number[];
  values: number[];
}

export type PayloadValue = string | number | boolean | null | string[] | Record<string, unknown> | unknown[];
export type Payload = Record<string, PayloadValue>;

export interface StoredPoint {
  /** The application id (a variant id, a policy chunk id). */
  id: string;
  sparse: SparseVector;
  dense?: number[] | undefined;
  payload: Payload;
}

/** One filter condition on a payload field. All conditions of a filter must hold. */
export type Condition =
  | { key: string; match: string | number | boolean }
  | { key: string; any: string[] }
  | { key: string; range: { gte?: number | undefined; lte?: number | undefined } };

export interface Filter {
  must: Condition[];
}

export type PayloadIndexType = 'keyword' | 'float' | 'bool';

export interface CollectionSpec {
  name: string;
  /** Size of the "dense" vector; omit for sparse-only collections. */
  denseSize?: number | undefined;
  /** Payload fields that filters use; Qdrant gets a payload index for each. */
  indexes: { key: string; type: PayloadIndexType }[];
}

export interface SearchRequest {
  sparse?: SparseVector | undefined;
  dense?: number[] | undefined;
  filter?: Filter | undefined;
  limit: number;
  /** Candidates taken from each of sparse and dense before fusion (hybrid only). Default max(limit, 100). */
  prefetchLimit?: number | undefined;
}

export interface ScoredPoint {
  id: string;
  score: number;
  payload: Payload;
}

export interface ListRequest {
  filter?: Filter | undefined;
  /** A numeric payload field with a "float" index; points come in ascending order of it. */
  orderBy: string;
  limit: number;
}

/** Reciprocal rank fusion constant (Cormack et al.; also passed to Qdrant explicitly). */
export const RRF_K = 60;

export interface VectorStore {
  readonly kind: 'embedded' | 'qdrant';
  /** Creates the collection (and its payload indexes) if missing; an existing one is kept as it is. */
  ensureCollection(spec: CollectionSpec): Promise<void>;
  dropCollection(name: string): Promise<void>;
  upsert(collection: string, points: readonly StoredPoint[]): Promise<void>;
  /** Merges `patch` into the payload of existing points (price and stock changes); vectors are kept. */
  setPayload(collection: string, id: string, patch: Payload): Promise<void>;
  delete(collection: string, ids: readonly string[]): Promise<void>;
  retrieve(collection: string, ids: readonly string[]): Promise<{ id: string; payload: Payload }[]>;
  /** Sparse, dense or hybrid (RRF) search; at least one of `sparse` and `dense` is required. */
  search(collection: string, request: SearchRequest): Promise<ScoredPoint[]>;
  /** Points matching a filter in ascending order of a numeric field (listings without query text). */
  list(collection: string, request: ListRequest): Promise<{ id: string; payload: Payload }[]>;
  /** Every point, page by page, in no particular order (incremental sync compares content hashes). */
  pages(collection: string, pageSize?: number): AsyncIterable<{ id: string; payload: Payload }[]>;
  count(collection: string, filter?: Filter): Promise<number>;
  readMetadata(collection: string): Promise<Record<string, unknown> | undefined>;
  writeMetadata(collection: string, metadata: Record<string, unknown>): Promise<void>;
  /** Makes every write durable (the embedded store writes its files; Qdrant is durable already). */
  flush(): Promise<void>;
  close(): Promise<void>;
}
