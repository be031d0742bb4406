import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, tokenAuthenticator } from '../identity/token.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { sharedPglite, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';
import { serveHttp, type HttpServerHandle } from './http.ts';

const secret = 'http-test-secret-that-is-long-enough';
const errorOf = async (response: Response) => (await response.json()) as { error: { code: string; message: string } };

describe('serveHttp with bearer tokens and /metrics', () => {
  let h: KitHarness;
  let http: HttpServerHandle;
  beforeAll(async () => {
    h = await kitHarness(await sharedPglite());
    http = await serveHttp({ createServer: h.createServer, authenticate: tokenAuthenticator(secret), metrics: h.runtime.metrics.registry });
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => {
    await http.close();
    await h.cleanup();
  });

  const post = (token?: string) =>
    fetch(http.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } } }),
    });

  it('refuses unauthenticated, malformed and expired requests with clear errors', async () => {
    const missing = await post();
    expect(missing.status).toBe(401);
    expect((await errorOf(missing)).error.message).toMatch(/missing bearer token/);
    const malformed = await post('garbage');
    expect((await errorOf(malformed)).error).toEqual({ code: 'UNAUTHENTICATED', message: 'malformed token: expected a JWT, three base64url parts separated by "."' });
    const expired = await post(signToken(secret, { principal: principals.alice, ttlSeconds: 1, now: new Date(Date.now() - 10_000) }));
    expect(expired.status).toBe(401);
    expect((await errorOf(expired)).error.message).toMatch(/^token expired at/);
  });

  it('serves tool calls to a valid token, scoped to its principal', async () => {
    const client = new Client({ name: 'http-test', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { authorization: `Bearer ${signToken(secret, { principal: principals.alice })}` } } }));
    expect((await client.callTool({ name: 'get_balance', arguments: { customer_id: 'alice' } })).structuredContent).toEqual({ customer_id: 'alice', balance: 0 });
    expect((await client.callTool({ name: 'get_balance', arguments: { customer_id: 'bob' } })).isError).toBe(true);
    await client.close();
  });

  it('exposes Prometheus metrics at GET /metrics', async () => {
    const response = await fetch(http.url.replace('/mcp', '/metrics'));
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    expect(await response.text()).toMatch(/commerce_tool_calls_total\{system="refunds",tool="get_balance",outcome="ok"\} 1/);
  });
});
