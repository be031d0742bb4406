import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { invalidArgument, notFound } from '@agentic-commerce/kit/errors';
import { EmbeddedCollection } from './embedded-collection.ts';
import { matchesFilter } from './payload-filter.ts';
import { reciprocalRankFusion } from './rrf.ts';
import type { CollectionSpec, StoredPoint, VectorStore } from './vector-store.ts';

export interface EmbeddedStoreOptions {
  /** Directory that holds one `<collection>.json` file per collection; omit for a purely in-memory store. */
  dir?: string | undefined;
}

interface CollectionFile {
  format: 1;
  spec: CollectionSpec;
  metadata: Record<string, unknown> | undefined;
  points: StoredPoint[];
}

const FILE_SUFFIX = '.collection.json';

/**
 * The default store: exact search in memory, persisted as JSON files on `flush()`/`close()`, no server.
 * Same semantics as the Qdrant store (same BM25 IDF, same filters, same RRF).
 */
export async function openEmbeddedStore(options: EmbeddedStoreOptions = {}): Promise<VectorStore> {
  const collections = new Map<string, EmbeddedCollection>();
  const dirty = new Set<string>();
  const dropped = new Set<string>();
  if (options.dir) {
    await mkdir(options.dir, { recursive: true });
    for (const file of await readdir(options.dir)) {
      if (!file.endsWith(FILE_SUFFIX)) continue;
      const data = JSON.parse(await readFile(join(options.dir, file), 'utf8')) as CollectionFile;
      const collection = new EmbeddedCollection(data.spec);
      collection.metadata = data.metadata;
      for (const point of data.points) collection.upsert(point);
      collections.set(data.spec.name, collection);
    }
  }

  const use = (name: string): EmbeddedCollection => {
    const collection = collections.get(name);
    if (!collection) throw notFound(`collection "${name}" does not exist; run the ingest first (pnpm knowledge ingest)`);
    return collection;
  };
  const touch = (name: string) => void dirty.add(name);

  const store: VectorStore = {
    kind: 'embedded',
    async ensureCollection(spec) {
      if (!/^[A-Za-z0-9_-]+$/.test(spec.name)) throw invalidArgument(`collection name "${spec.name}" may only use A-Z a-z 0-9 _ -`);
      if (collections.has(spec.name)) return;
      collections.set(spec.name, new EmbeddedCollection(spec));
      dropped.delete(spec.name);
      touch(spec.name);
    },
    async dropCollection(name) {
      if (collections.delete(name)) dropped.add(name);
      dirty.delete(name);
    },
    async upsert(name, points) {
      const collection = use(name);
      for (const point of points) {
        if (point.dense && collection.spec.denseSize !== point.dense.length) {
          throw invalidArgument(`point ${point.id}: dense vector has ${point.dense.length} dimensions, collection "${name}" expects ${collection.spec.denseSize ?? 'none'}`);
        }
      }
      for (const point of points) collection.upsert({ ...point, payload: { ...point.payload } });
      touch(name);
    },
    async setPayload(name, id, patch) {
      if (!use(name).setPayload(id, patch)) throw notFound(`no point "${id}" in collection "${name}"`);
      touch(name);
    },
    async delete(name, ids) {
      const collection = use(name);
      for (const id of ids) collection.remove(id);
      touch(name);
    },
    async retrieve(name, ids) {
      const collection = use(name);
      return ids.flatMap((id) => {
        const point = collection.get(id);
        return point ? [{ id, payload: point.payload }] : [];
      });
    },
    async search(name, request) {
      const collection = use(name);
      if (!request.sparse && !request.dense) throw invalidArgument('a search needs a sparse or a dense query vector');
      if (request.sparse && request.dense) {
        const prefetch = request.prefetchLimit ?? Math.max(request.limit, 100);
        const lists = [collection.searchSparse(request.sparse, request.filter, prefetch), collection.searchDense(request.dense, request.filter, prefetch)];
        return reciprocalRankFusion(lists, request.limit);
      }
      if (request.sparse) return collection.searchSparse(request.sparse, request.filter, request.limit);
      return collection.searchDense(request.dense as number[], request.filter, request.limit);
    },
    async list(name, request) {
      const key = (p: StoredPoint) => (typeof p.payload[request.orderBy] === 'number' ? (p.payload[request.orderBy] as number) : Infinity);
      const matching = use(name)
        .points()
        .filter((p) => matchesFilter(p.payload, request.filter))
        .sort((a, b) => key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return matching.slice(0, request.limit).map((p) => ({ id: p.id, payload: p.payload }));
    },
    async *pages(name, pageSize = 1000) {
      const points = use(name).points();
      for (let i = 0; i < points.length; i += pageSize) yield points.slice(i, i + pageSize).map((p) => ({ id: p.id, payload: p.payload }));
    },
    async count(name, filter) {
      const collection = use(name);
      return filter ? collection.points().filter((p) => matchesFilter(p.payload, filter)).length : collection.size;
    },
    async readMetadata(name) {
      return use(name).metadata;
    },
    async writeMetadata(name, metadata) {
      use(name).metadata = { ...use(name).metadata, ...structuredClone(metadata) };
      touch(name);
    },
    async flush() {
      if (!options.dir) return;
      for (const name of dropped) await rm(join(options.dir, name + FILE_SUFFIX), { force: true });
      dropped.clear();
      for (const name of dirty) {
        const collection = collections.get(name);
        if (!collection) continue;
        const file: CollectionFile = { format: 1, spec: collection.spec, metadata: collection.metadata, points: collection.points() };
        const path = join(options.dir, name + FILE_SUFFIX);
        await writeFile(`${path}.tmp`, JSON.stringify(file));
        await rename(`${path}.tmp`, path);
      }
      dirty.clear();
    },
    async close() {
      await store.flush();
      collections.clear();
    },
  };
  return store;
}
