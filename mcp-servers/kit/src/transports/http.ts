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
}

export interface HttpServerHandle {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length === 0 ? undefined : JSON.parse(text);
}

/**
 * Streamable HTTP on 127.0.0.1 by default, at POST/GET/DELETE /mcp. Every request needs a bearer token;
 * a session stays bound to the principal that opened it.
 */
export async function serveHttp(options: HttpServeOptions): Promise<HttpServerHandle> {
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; principalId: string }>();
  const server = createServer(async (req, res) => {
    try {
      if (options.routes && (await options.routes(req, res))) return;
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/metrics' && options.metrics && req.method === 'GET') {
        const text = await options.metrics.metrics();
        res.writeHead(200, { 'content-type': options.metrics.contentType }).end(text);
        return;
      }
      if (path !== '/mcp') return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no route ${path}; MCP is served at /mcp` } });
      const header = req.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) {
        return sendJson(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'missing bearer token: send "Authorization: Bearer <token>"' } }, {
          'www-authenticate': 'Bearer',
        });
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
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      if (typeof sessionId === 'string') {
        const session = sessions.get(sessionId);
        if (!session) return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `unknown MCP session ${sessionId}; initialize a new one` } });
        if (session.principalId !== principal.id) {
          return sendJson(res, 403, { error: { code: 'FORBIDDEN', message: 'this MCP session belongs to another principal' } });
        }
        return await session.transport.handleRequest(authed, res, body);
      }
      if (req.method !== 'POST' || !isInitializeRequest(body)) {
        return sendJson(res, 400, { error: { code: 'INVALID_ARGUMENT', message: 'no mcp-session-id header: the first request must be an MCP initialize request' } });
      }
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void sessions.set(id, { transport, principalId: principal.id }),
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await options.createServer().connect(transport);
      await transport.handleRequest(authed, res, body);
    } catch (error) {
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
    async close() {
      for (const { transport } of sessions.values()) await transport.close().catch(() => undefined);
      sessions.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
