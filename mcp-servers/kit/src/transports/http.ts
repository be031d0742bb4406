import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { isCommerceError } from '../errors.ts';
import type { Principal } from '../principal.ts';

export interface HttpServeOptions {
  /** Builds one McpServer per session (servers are cheap; the runtime and database behind them are shared). */
  createServer: () => McpServer;
  /** Verifies a bearer token and returns its principal; throws a CommerceError (UNAUTHENTICATED/FORBIDDEN) otherwise. */
  authenticate: (token: string) => Promise<Principal>;
  host?: string;
  port?: number;
  /** Extra routes. Return true when handled. */
  routes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** Served at GET /metrics without a token (loopback by default), e.g. a runtime's `metrics.registry`. */
  metrics?: { contentType: string; metrics(): Promise<string> };
  /** Largest request body accepted, in bytes (larger: 413); default 4 MiB, the MCP SDK's own limit. */
  maxBodyBytes?: number;
  /** A session no request has used for this long (and with no stream open) is closed; default 30 minutes. */
  sessionIdleMs?: number;
  /** Sessions one principal may hold open at once (one more: 429); default 64. */
  maxSessionsPerPrincipal?: number;
}

export const HTTP_DEFAULTS = { maxBodyBytes: 4 * 1024 * 1024, sessionIdleMs: 30 * 60_000, maxSessionsPerPrincipal: 64 };

class BodyTooLarge extends Error {}

export interface HttpServerHandle {
  url: string;
  server: Server;
  /** Requests being answered now (event streams not counted). */
  inFlight(): number;
  /**
   * Stops accepting connections, lets the requests in flight finish (for up to `graceMs`, default 10 s), then closes
   * every session and connection.
   */
  close(graceMs?: number): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  principalId: string;
  /** Whose session budget it counts against (`sessionBudget`). */
  budget: string;
  lastSeen: number;
  /** Requests (and streams) in progress. */
  active: number;
}

const definedOf = (options: HttpServeOptions) => Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<typeof HTTP_DEFAULTS>;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new BodyTooLarge(`request body over ${maxBytes} bytes, the most this server accepts`);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length === 0 ? undefined : JSON.parse(text);
}

/**
 * Streamable HTTP on 127.0.0.1 by default, at POST/GET/DELETE /mcp. Every request needs a bearer token;
 * a session stays bound to the principal that opened it.
 */
/** Whose a session is: one principal in one conversation (an agent id may serve many conversations). */
const sessionOwner = (p: Principal): string => JSON.stringify([p.kind, p.id, p.conversationId ?? null, p.customerId ?? null]);
/** Whose the session limit is: an agent's per conversation (its id may serve many), anyone else's across all of theirs. */
const sessionBudget = (p: Principal): string => (p.kind === 'agent' ? sessionOwner(p) : JSON.stringify([p.kind, p.id]));

export async function serveHttp(options: HttpServeOptions): Promise<HttpServerHandle> {
  const { maxBodyBytes, sessionIdleMs, maxSessionsPerPrincipal } = { ...HTTP_DEFAULTS, ...definedOf(options) };
  const sessions = new Map<string, Session>();
  // Idle sessions are closed (each holds an McpServer); one with a request or stream in progress is not idle.
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const session of sessions.values()) if (session.active === 0 && now - session.lastSeen > sessionIdleMs) void session.transport.close().catch(() => undefined);
  }, Math.max(10, Math.min(sessionIdleMs / 2, 60_000)));
  sweeper.unref();
  const handle = async (session: Session, req: IncomingMessage & { auth: AuthInfo }, res: ServerResponse, body: unknown) => {
    session.active += 1;
    session.lastSeen = Date.now();
    res.once('close', () => {
      session.active -= 1;
      session.lastSeen = Date.now();
    });
    await session.transport.handleRequest(req, res, body);
  };
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET') {
      inFlight += 1;
      res.once('close', () => {
        inFlight -= 1;
        if (inFlight === 0) drained?.();
      });
    }
    try {
      if (options.routes && (await options.routes(req, res))) return;
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/metrics' && options.metrics && req.method === 'GET') {
        const text = await options.metrics.metrics();
        res.writeHead(200, { 'content-type': options.metrics.contentType }).end(text);
        return;
      }
      if (path !== '/mcp') return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no route ${path}; MCP is served at /mcp` } });
      const header = (req.headers.authorization ?? '').trim();
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) {
        const message = header === '' || !/^Bearer(\s|$)/i.test(header)
          ? 'missing bearer token: send "Authorization: Bearer <token>"'
          : 'malformed Authorization header: send exactly "Bearer <token>", the token without spaces';
        return sendJson(res, 401, { error: { code: 'UNAUTHENTICATED', message } }, { 'www-authenticate': 'Bearer' });
      }
      let principal: Principal;
      try {
        principal = await options.authenticate(match[1]);
      } catch (error) {
        const code = isCommerceError(error) ? error.code : 'UNAUTHENTICATED';
        const message = error instanceof Error ? error.message : 'invalid token';
        return sendJson(res, code === 'FORBIDDEN' ? 403 : 401, { error: { code, message } }, { 'www-authenticate': 'Bearer error="invalid_token"' });
      }
      const auth: AuthInfo = { token: match[1], clientId: principal.id, scopes: principal.scopes, extra: { principal } };
      const authed = Object.assign(req, { auth });
      const sessionId = req.headers['mcp-session-id'];
      const body = req.method === 'POST' ? await readJson(req, maxBodyBytes) : undefined;
      if (typeof sessionId === 'string') {
        const session = sessions.get(sessionId);
        if (!session) return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `unknown MCP session ${sessionId}; initialize a new one` } });
        if (session.principalId !== sessionOwner(principal)) {
          return sendJson(res, 403, { error: { code: 'FORBIDDEN', message: 'this MCP session belongs to another principal' } });
        }
        return await handle(session, authed, res, body);
      }
      if (req.method !== 'POST' || !isInitializeRequest(body)) {
        return sendJson(res, 400, { error: { code: 'INVALID_ARGUMENT', message: 'no mcp-session-id header: the first request must be an MCP initialize request' } });
      }
      const open = [...sessions.values()].filter((s) => s.budget === sessionBudget(principal)).length;
      if (open >= maxSessionsPerPrincipal) {
        return sendJson(res, 429, { error: { code: 'RATE_LIMITED', message: `${principal.id} already holds ${open} open MCP sessions, the most allowed: end one (DELETE /mcp with its mcp-session-id) or let idle ones expire (after ${(sessionIdleMs / 1000).toFixed(sessionIdleMs < 10_000 ? 1 : 0)} s idle)` } });
      }
      const session: Session = { transport: undefined!, principalId: sessionOwner(principal), budget: sessionBudget(principal), lastSeen: Date.now(), active: 0 };
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void sessions.set(id, session),
      });
      session.transport = transport;
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await options.createServer().connect(transport);
      await handle(session, authed, res, body);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        if (!res.headersSent) sendJson(res, 413, { error: { code: 'INVALID_ARGUMENT', message: error.message } }, { connection: 'close' });
        return;
      }
      if (!res.headersSent) {
        const bad = error instanceof SyntaxError;
        sendJson(res, bad ? 400 : 500, { error: { code: bad ? 'INVALID_ARGUMENT' : 'INTERNAL', message: bad ? `request body is not JSON: ${error.message}` : 'internal error' } });
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}/mcp`,
    server,
    inFlight: () => inFlight,
    async close(graceMs = 10_000) {
      clearInterval(sweeper);
      const closed = new Promise<void>((resolve) => server.close(() => resolve())); // no new connections from here
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          drained = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      for (const { transport } of sessions.values()) await transport.close().catch(() => undefined);
      sessions.clear();
      server.closeAllConnections();
      await closed;
    },
  };
}
