import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../principal.ts';
import { toolErrorOf } from '../register-tools.ts';
import { keyedWrites } from './keyed-writes.ts';

/**
 * An in-memory MCP client whose every request carries `principal`, exactly as a verified bearer token does over
 * HTTP (authInfo.extra.principal). One runtime can then serve several principals in a test. Writes called without an
 * idempotency key get a fresh one (`keyedWrites`) unless `keys: 'as-given'`.
 */
export async function connectAs(server: McpServer, principal: Principal, options: { keys?: 'fresh-per-call' | 'as-given' } = {}): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const send = clientSide.send.bind(clientSide);
  clientSide.send = (message, options) =>
    send(message, { ...options, authInfo: { token: 'in-memory', clientId: principal.id, scopes: principal.scopes, extra: { principal } } });
  const client = new Client({ name: `test-${principal.kind}`, version: '0.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return options.keys === 'as-given' ? client : keyedWrites(client);
}

export interface ToolErrorShape {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** The error of a failed tool result (schema failures read as INVALID_ARGUMENT), or undefined when the call succeeded. */
export function toolError(result: unknown): ToolErrorShape | undefined {
  return toolErrorOf(result as CallToolResult) as ToolErrorShape | undefined;
}
