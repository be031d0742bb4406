import { QdrantClient } from '@qdrant/js-client-rest';
import { CommerceError, invalidArgument, notFound } from '@agentic-commerce/kit/errors';
import { collectionBody, ID_KEY, pointId, qdrantFilter, qdrantPoint, queryBody } from './qdrant-mapping.ts';
import { tieCompleteSearch } from './tie-complete-search.ts';
import type { Payload, VectorStore } from './vector-store.ts';

export interface QdrantStoreOptions {
  url: string;
  apiKey?: string | undefined;
  /** Prepended to every collection name, so several worlds can share one Qdrant. */
  collectionPrefix?: string | undefined;
}

const UPSERT_BATCH = 256;

function strip(payload: Record<string, unknown> | null | undefined): { id: string; payload: Payload } {
  const { [ID_KEY]: id, ...rest } = (payload ?? {}) as Record<string, unknown>;
  return { id: String(id), payload: rest as Payload };
}

/** A VectorStore on Qdrant through its REST client: named sparse (IDF) and dense vectors, Query API with RRF. */
export function openQdrantStore(options: QdrantStoreOptions): VectorStore {
  const client = new QdrantClient({ url: options.url, apiKey: options.apiKey, checkCompatibility: false });
  const name = (collection: string) => `${options.collectionPrefix ?? ''}${collection}`;
  const unavailable = (what: string) => (cause: unknown) => {
    if (cause instanceof CommerceError) throw cause;
    const status = (cause as { status?: number }).status;
    if (status === 404) throw notFound(`Qdrant collection for "${what}" does not exist; run the ingest first (pnpm knowledge ingest)`);
    throw new CommerceError('UNAVAILABLE', `Qdrant at ${options.url} failed on ${what}: ${(cause as Error).message}`, { cause });
  };

  return {
    kind: 'qdrant',
    async ensureCollection(spec) {
      const collection = name(spec.name);
      const { exists } = await client.collectionExists(collection).catch(unavailable(spec.name));
      if (exists) return;
      await client.createCollection(collection, collectionBody(spec)).catch(unavailable(spec.name));
      for (const index of [...spec.indexes, { key: ID_KEY, type: 'keyword' as const }]) {
        await client.createPayloadIndex(collection, { field_name: index.key, field_schema: index.type, wait: true }).catch(unavailable(spec.name));
      }
    },
    async dropCollection(collection) {
      await client.deleteCollection(name(collection)).catch(unavailable(collection));
    },
    async upsert(collection, points) {
      for (let i = 0; i < points.length; i += UPSERT_BATCH) {
        const batch = points.slice(i, i + UPSERT_BATCH).map(qdrantPoint);
        await client.upsert(name(collection), { wait: true, points: batch }).catch(unavailable(collection));
      }
    },
    async setPayload(collection, id, patch) {
      const existing = await this.retrieve(collection, [id]);
      if (existing.length === 0) throw notFound(`no point "${id}" in collection "${collection}"`);
      await client.setPayload(name(collection), { payload: patch, points: [pointId(id)], wait: true }).catch(unavailable(collection));
    },
    async delete(collection, ids) {
      if (ids.length === 0) return;
      await client.delete(name(collection), { wait: true, points: ids.map(pointId) }).catch(unavailable(collection));
    },
    async retrieve(collection, ids) {
      if (ids.length === 0) return [];
      const points = await client.retrieve(name(collection), { ids: ids.map(pointId), with_payload: true }).catch(unavailable(collection));
      const byId = new Map(points.map((p) => strip(p.payload)).map((p) => [p.id, p]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    async search(collection, request) {
      if (!request.sparse && !request.dense) throw invalidArgument('a search needs a sparse or a dense query vector');
      // Ties are ordered by (score desc, application id asc) like the embedded store, not by Qdrant's UUID order:
      // over-fetch past any tie at the cut-off, sort here, cut. The prefetch size stays the one of the request.
      // The first request carries full payloads (no tie past the cut-off: one request, as before). The requests that
      // chase a tie carry only the application id (a one-word query can tie across thousands of variants); the final
      // `limit` points then get their full payloads in one retrieve by point id, in the sorted order.
      const prefetchLimit = request.prefetchLimit ?? Math.max(request.limit, 100);
      let rounds = 0;
      const top = await tieCompleteSearch(request.limit, async (limit, round) => {
        rounds = round + 1;
        const body = queryBody({ ...request, limit, prefetchLimit });
        const result = await client
          .query(name(collection), round === 0 ? body : { ...body, with_payload: [ID_KEY] })
          .catch(unavailable(collection));
        return result.points.map((p) => ({ ...strip(p.payload), score: p.score }));
      });
      if (rounds <= 1 || top.length === 0) return top;
      const records = await client
        .retrieve(name(collection), { ids: top.map((p) => pointId(p.id)), with_payload: true })
        .catch(unavailable(collection));
      const payloads = new Map(records.map((r) => strip(r.payload)).map((r) => [r.id, r.payload]));
      // A point deleted between the query and the retrieve is left out, as a later search would leave it out.
      return top.flatMap((p) => {
        const payload = payloads.get(p.id);
        return payload ? [{ ...p, payload }] : [];
      });
    },
    async list(collection, request) {
      const filter = qdrantFilter(request.filter);
      const result = await client
        .scroll(name(collection), { limit: request.limit, with_payload: true, order_by: { key: request.orderBy, direction: 'asc' }, ...(filter ? { filter } : {}) })
        .catch(unavailable(collection));
      return result.points.map((p) => strip(p.payload));
    },
    async *pages(collection, pageSize = 1000) {
      let offset: string | number | Record<string, unknown> | null | undefined;
      do {
        const result = await client
          .scroll(name(collection), { limit: pageSize, with_payload: true, ...(offset ? { offset: offset as string } : {}) })
          .catch(unavailable(collection));
        if (result.points.length > 0) yield result.points.map((p) => strip(p.payload));
        offset = result.next_page_offset;
      } while (offset !== null && offset !== undefined);
    },
    async count(collection, filter) {
      const f = qdrantFilter(filter);
      const result = await client.count(name(collection), { exact: true, ...(f ? { filter: f } : {}) }).catch(unavailable(collection));
      return result.count;
    },
    async readMetadata(collection) {
      const info = await client.getCollection(name(collection)).catch(unavailable(collection));
      const metadata = (info.config as { metadata?: Record<string, unknown> | null }).metadata;
      return metadata ?? undefined;
    },
    async writeMetadata(collection, metadata) {
      await client.updateCollection(name(collection), { metadata } as Parameters<QdrantClient['updateCollection']>[1]).catch(unavailable(collection));
    },
    async flush() {},
    async close() {},
  };
}
