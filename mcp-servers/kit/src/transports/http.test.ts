import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, tokenAuthenticator } from '../identity/token.ts';
import type { Principal } from '../principal.ts';
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
    const extra = await post('a.b.c extra');
    expect((await errorOf(extra)).error.message).toBe('malformed Authorization header: send exactly "Bearer <token>", the token without spaces');
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

  it("refuses a session to another conversation's token of the same agent", async () => {
    const inConversation = (c: string) => ({ authorization: `Bearer ${signToken(secret, { principal: principals.agent(c) })}` });
    const client = new Client({ name: 'http-test', version: '0' });
    const transport = new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: inConversation('conv-a') } });
    await client.connect(transport);
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': transport.sessionId! };
    const body = '{"jsonrpc":"2.0","id":2,"method":"tools/list"}';
    const other = await fetch(http.url, { method: 'POST', headers: { ...headers, ...inConversation('conv-b') }, body });
    expect(other.status).toBe(403);
    expect((await errorOf(other)).error).toEqual({ code: 'FORBIDDEN', message: 'this MCP session belongs to another principal' });
    const own = await fetch(http.url, { method: 'POST', headers: { ...headers, ...inConversation('conv-a') }, body });
    expect(own.status).toBe(200);
    await client.close();
  });

  it('exposes Prometheus metrics at GET /metrics', async () => {
    const response = await fetch(http.url.replace('/mcp', '/metrics'));
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    expect(await response.text()).toMatch(/commerce_tool_calls_total\{system="refunds",tool="get_balance",outcome="ok"\} 1/);
  });
});

describe('serveHttp limits', () => {
  let h: KitHarness;
  let http: HttpServerHandle;
  beforeAll(async () => {
    h = await kitHarness(await sharedPglite());
    http = await serveHttp({ createServer: h.createServer, authenticate: tokenAuthenticator(secret), maxBodyBytes: 2048, sessionIdleMs: 400, maxSessionsPerPrincipal: 2 });
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => {
    await http.close();
    await h.cleanup();
  });
  const token = (principal: Principal = principals.alice) => signToken(secret, { principal });
  const connect = async (principal: Principal = principals.alice) => {
    const transport = new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { authorization: `Bearer ${token(principal)}` } } });
    const client = new Client({ name: 'limits', version: '0' });
    await client.connect(transport);
    return { client, transport };
  };

  it('refuses a body over the limit with 413, and goes on serving', async () => {
    const big = await fetch(http.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token()}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { padding: 'x'.repeat(4096) } }),
    });
    expect(big.status).toBe(413);
    expect((await errorOf(big)).error).toEqual({ code: 'INVALID_ARGUMENT', message: 'request body over 2048 bytes, the most this server accepts' });
    const { client } = await connect();
    expect((await client.callTool({ name: 'get_balance', arguments: { customer_id: 'alice' } })).isError).toBeFalsy();
    await client.close();
  });

  it('caps the sessions one principal holds open, and closes the ones left idle', async () => {
    const carol: Principal = { ...principals.alice, id: 'c:carol' };
    // A customer's sessions count together whichever conversation each was opened in.
    const first = await connect({ ...carol, conversationId: 'carol-conv-1' });
    const second = await connect({ ...carol, conversationId: 'carol-conv-2' });
    const third = await fetch(http.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token({ ...carol, conversationId: 'carol-conv-3' })}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } } }),
    });
    expect(third.status).toBe(429);
    expect((await errorOf(third)).error.message).toBe('c:carol already holds 2 open MCP sessions, the most allowed: end one (DELETE /mcp with its mcp-session-id) or let idle ones expire (after 0.4 s idle)');
    const other = await connect(principals.bob); // another principal is not held back
    await other.client.close();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await first.client.callTool({ name: 'get_balance', arguments: { customer_id: 'alice' } })).isError).toBeFalsy(); // still open
    // A connected client keeps its session (its event stream is open). Clients that go away without ending their
    // sessions (no DELETE) leave them idle; past the idle limit they are closed.
    await first.client.close();
    await second.client.close();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const stale = await fetch(http.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token(carol)}`, 'mcp-session-id': first.transport.sessionId! }, body: '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' });
    expect(stale.status).toBe(404);
    const again = await connect(carol); // room again
    await again.client.close();
  });
});

