import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pointId } from './qdrant-mapping.ts';
import { openQdrantStore } from './qdrant-store.ts';
import type { VectorStore } from './vector-store.ts';

// A loopback HTTP server that records what the adapter sends and answers like Qdrant would.
interface Recorded {
  method: string;
  path: string;
  body: unknown;
}
let server: Server;
let recorded: Recorded[] = [];
let respond: (req: Recorded) => { status: number; result: unknown } = () => ({ status: 200, result: true });
let store: VectorStore;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const entry = { method: req.method ?? '', path: req.url ?? '', body: text ? JSON.parse(text) : undefined };
    recorded.push(entry);
    const { status, result } = respond(entry);
    const body = status < 300 ? { result, status: 'ok', time: 0 } : { status: { error: 'boom' }, time: 0 };
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  store = openQdrantStore({ url: `http://127.0.0.1:${port}`, collectionPrefix: 'w1_' });
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  recorded = [];
  respond = () => ({ status: 200, result: true });
});

describe('Qdrant request mapping', () => {
  it('creates a collection with named sparse (IDF) and dense vectors and a payload index per filter field', async () => {
    respond = (r) => ({ status: 200, result: r.path.endsWith('/exists') ? { exists: false } : r.path.includes('/index') ? { operation_id: 1, status: 'completed' } : true });
    await store.ensureCollection({ name: 'products', denseSize: 4, indexes: [{ key: 'price', type: 'float' }, { key: 'in_stock', type: 'bool' }] });
    expect(recorded.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'GET /collections/w1_products/exists',
      'PUT /collections/w1_products',
      'PUT /collections/w1_products/index',
      'PUT /collections/w1_products/index',
      'PUT /collections/w1_products/index',
    ]);
    expect(recorded[1]?.body).toEqual({ vectors: { dense: { size: 4, distance: 'Cosine' } }, sparse_vectors: { text: { modifier: 'idf' } } });
    expect(recorded.slice(2).map((r) => r.body)).toEqual([
      { field_name: 'price', field_schema: 'float' },
      { field_name: 'in_stock', field_schema: 'bool' },
      { field_name: 'doc_id', field_schema: 'keyword' },
    ]);
  });

  it('upserts points under a deterministic UUID, keeping the application id in the payload', async () => {
    respond = () => ({ status: 200, result: { operation_id: 2, status: 'completed' } });
    await store.upsert('products', [{ id: '9612497925', sparse: { indices: [7, 9], values: [1.1, 0.4] }, payload: { price: 50.88 } }]);
    expect(recorded[0]?.path).toBe('/collections/w1_products/points?wait=true');
    expect(recorded[0]?.body).toEqual({
      points: [{ id: pointId('9612497925'), vector: { text: { indices: [7, 9], values: [1.1, 0.4] } }, payload: { price: 50.88, doc_id: '9612497925' } }],
    });
    expect(pointId('9612497925')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sends a hybrid search as two filtered prefetches fused with RRF, and maps results back', async () => {
    respond = () => ({ status: 200, result: { points: [{ id: pointId('a'), version: 1, score: 0.5, payload: { doc_id: 'a', price: 10 } }] } });
    const hits = await store.search('products', {
      sparse: { indices: [3], values: [1] },
      dense: [0.1, 0.2, 0.3, 0.4],
      limit: 5,
      prefetchLimit: 50,
      filter: { must: [{ key: 'price', range: { lte: 300 } }, { key: 'in_stock', match: true }, { key: 'options', any: ['color:blue'] }] },
    });
    const filter = { must: [{ key: 'price', range: { lte: 300 } }, { key: 'in_stock', match: { value: true } }, { key: 'options', match: { any: ['color:blue'] } }] };
    expect(recorded[0]?.path).toBe('/collections/w1_products/points/query');
    expect(recorded[0]?.body).toEqual({
      prefetch: [
        { query: { indices: [3], values: [1] }, using: 'text', limit: 50, filter },
        { query: [0.1, 0.2, 0.3, 0.4], using: 'dense', limit: 50, filter },
      ],
      query: { rrf: { k: 60 } },
      limit: 21,
      with_payload: true,
      filter,
    });
    expect(hits).toEqual([{ id: 'a', score: 0.5, payload: { price: 10 } }]);
  });

  it('sends a sparse-only search against the sparse vector', async () => {
    respond = () => ({ status: 200, result: { points: [] } });
    await store.search('policies', { sparse: { indices: [1, 2], values: [1, 0.5] }, limit: 3 });
    expect(recorded[0]?.body).toEqual({ query: { indices: [1, 2], values: [1, 0.5] }, using: 'text', limit: 19, with_payload: true });
  });

  it('orders tied scores by application id, over-fetching until the tie at the cut-off has ended', async () => {
    // Qdrant returns ties in UUID order; 40 points tie at 1.0, then one scores 0.5.
    const tied = Array.from({ length: 40 }, (_, i) => `t${String(i).padStart(2, '0')}`).sort((a, b) => (pointId(a) < pointId(b) ? -1 : 1));
    const all = [...tied.map((id) => ({ id, score: 1 })), { id: 'low', score: 0.5 }];
    respond = (r) => {
      if (r.path.endsWith('/points')) {
        const ids = (r.body as { ids: string[] }).ids;
        return { status: 200, result: all.filter((p) => ids.includes(pointId(p.id))).map((p) => ({ id: pointId(p.id), payload: { doc_id: p.id } })) };
      }
      const limit = (r.body as { limit: number }).limit;
      return { status: 200, result: { points: all.slice(0, limit).map((p) => ({ id: pointId(p.id), version: 1, score: p.score, payload: { doc_id: p.id } })) } };
    };
    const hits = await store.search('products', { sparse: { indices: [1], values: [1] }, limit: 3 });
    expect(hits.map((h) => h.id)).toEqual(['t00', 't01', 't02']);
    expect(recorded.filter((r) => r.path.endsWith('/query')).map((r) => (r.body as { limit: number }).limit)).toEqual([19, 76]);
  });

  it('chases a tie with id-only requests, then fetches full payloads for exactly the final points in one request', async () => {
    // 300 points tie at 2.0 (returned in UUID order), then one scores 1.0; every point has a large payload.
    const tied = Array.from({ length: 300 }, (_, i) => `v${String(i).padStart(3, '0')}`).sort((a, b) => (pointId(a) < pointId(b) ? -1 : 1));
    const all = [...tied.map((id) => ({ id, score: 2 })), { id: 'low', score: 1 }];
    const full = (id: string) => ({ doc_id: id, title: `Backpack ${id}`, text: 'x'.repeat(200), price: 10 });
    const select = (id: string, withPayload: unknown) =>
      withPayload === true ? full(id) : Object.fromEntries(Object.entries(full(id)).filter(([key]) => (withPayload as string[]).includes(key)));
    respond = (r) => {
      const body = r.body as { limit: number; ids: string[]; with_payload: unknown };
      // The retrieve answers in its own order (reversed here); the adapter must keep the sorted one.
      if (r.path.endsWith('/points')) return { status: 200, result: all.filter((p) => body.ids.includes(pointId(p.id))).reverse().map((p) => ({ id: pointId(p.id), payload: select(p.id, body.with_payload) })) };
      return { status: 200, result: { points: all.slice(0, body.limit).map((p) => ({ id: pointId(p.id), version: 1, score: p.score, payload: select(p.id, body.with_payload) })) } };
    };
    const hits = await store.search('products', { sparse: { indices: [1], values: [1] }, limit: 5 });

    expect(recorded.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'POST /collections/w1_products/points/query',
      'POST /collections/w1_products/points/query',
      'POST /collections/w1_products/points/query',
      'POST /collections/w1_products/points',
    ]);
    const queries = recorded.slice(0, 3).map((r) => r.body as { limit: number; with_payload: unknown });
    expect(queries.map((q) => q.limit)).toEqual([21, 84, 336]);
    // The first request is the ordinary one (a search without a tie past the cut-off stays one request);
    // the requests that only look for the end of the tie ask for the application id alone.
    expect(queries.map((q) => q.with_payload)).toEqual([true, ['doc_id'], ['doc_id']]);
    const finalIds = ['v000', 'v001', 'v002', 'v003', 'v004'];
    expect(recorded[3]?.body).toEqual({ ids: finalIds.map(pointId), with_payload: true });

    expect(hits).toEqual(finalIds.map((id) => ({ id, score: 2, payload: { title: `Backpack ${id}`, text: 'x'.repeat(200), price: 10 } })));
  });

  it('leaves out a final point deleted before its payload could be fetched', async () => {
    const tied = Array.from({ length: 40 }, (_, i) => `t${String(i).padStart(2, '0')}`).sort((a, b) => (pointId(a) < pointId(b) ? -1 : 1));
    respond = (r) => {
      const body = r.body as { limit: number; ids: string[] };
      if (r.path.endsWith('/points')) return { status: 200, result: body.ids.filter((id) => id !== pointId('t01')).map((id) => ({ id, payload: { doc_id: tied.find((t) => pointId(t) === id), n: 1 } })) };
      return { status: 200, result: { points: tied.slice(0, body.limit).map((id) => ({ id: pointId(id), version: 1, score: 1, payload: { doc_id: id } })) } };
    };
    const hits = await store.search('products', { sparse: { indices: [1], values: [1] }, limit: 3 });
    expect(hits).toEqual([{ id: 't00', score: 1, payload: { n: 1 } }, { id: 't02', score: 1, payload: { n: 1 } }]);
  });

  it('lists by a numeric payload field with order_by and keeps metadata on the collection', async () => {
    respond = (r) => ({ status: 200, result: r.path.endsWith('/scroll') ? { points: [], next_page_offset: null } : true });
    await store.list('products', { orderBy: 'price', limit: 10, filter: { must: [{ key: 'category', match: 'Audio' }] } });
    expect(recorded[0]?.body).toEqual({ limit: 10, with_payload: true, with_vector: false, order_by: { key: 'price', direction: 'asc' }, filter: { must: [{ key: 'category', match: { value: 'Audio' } }] } });
    await store.writeMetadata('products', { lexicon: { averageLength: 9, terms: ['blue'] } });
    expect(recorded[1]).toMatchObject({ method: 'PATCH', path: '/collections/w1_products', body: { metadata: { lexicon: { averageLength: 9, terms: ['blue'] } } } });
  });

  it('reports a missing collection as NOT_FOUND and a failing server as UNAVAILABLE', async () => {
    respond = () => ({ status: 404, result: null });
    await expect(store.count('products')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/run the ingest first/) });
    respond = () => ({ status: 500, result: null });
    await expect(store.count('products')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
