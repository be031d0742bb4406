import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddingsFromEnv, openAiEmbeddings } from './embedding-provider.ts';

let server: Server;
let baseUrl: string;
const bodies: unknown[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string; input: string[] };
    bodies.push({ auth: req.headers.authorization, ...body });
    if (body.model === 'broken') return void res.writeHead(503).end('overloaded');
    // Answer out of order, like some servers do; one dimension per input: its length.
    const data = body.input.map((text, index) => ({ index, embedding: [text.length, 1] })).reverse();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

describe('openAiEmbeddings', () => {
  it('batches inputs, sends the model and key, and returns vectors in input order', async () => {
    const provider = openAiEmbeddings({ baseUrl, model: 'm1', apiKey: 'k', batchSize: 2 });
    expect(await provider.embed(['a', 'bb', 'ccc'])).toEqual([[1, 1], [2, 1], [3, 1]]);
    expect(bodies.slice(-2)).toEqual([
      { auth: 'Bearer k', model: 'm1', input: ['a', 'bb'] },
      { auth: 'Bearer k', model: 'm1', input: ['ccc'] },
    ]);
  });

  it('reports a failing endpoint as UNAVAILABLE with its status', async () => {
    await expect(openAiEmbeddings({ baseUrl, model: 'broken' }).embed(['x'])).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/answered 503: overloaded/) });
  });

  it('is configured from the environment only when a URL is set, and needs a model', () => {
    expect(embeddingsFromEnv({})).toBeUndefined();
    expect(() => embeddingsFromEnv({ KNOWLEDGE_EMBEDDINGS_URL: baseUrl })).toThrow(/KNOWLEDGE_EMBEDDINGS_MODEL is not/);
    expect(embeddingsFromEnv({ KNOWLEDGE_EMBEDDINGS_URL: baseUrl, KNOWLEDGE_EMBEDDINGS_MODEL: 'm' })?.model).toBe('m');
  });
});
