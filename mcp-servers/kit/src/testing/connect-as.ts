import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../principal.ts';

/**
 * An in-memory MCP client whose every request carries `principal`, exactly as a verified bearer token does over
 * HTTP (authInfo.extra.principal). One runtime can then serve several principals in a test.
 */
export async function connectAs(server: McpServer, principal: Principal): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const send = clientSide.send.bind(clientSide);
  clientSide.send = (message, options) =>
    send(message, { ...options, authInfo: { token: 'in-memory', clientId: principal.id, scopes: principal.scopes, extra: { principal } } });
  const client = new Client({ name: `test-${principal.kind}`, version: '0.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return client;
}

export interface ToolErrorShape {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** The error of a failed tool result (schema failures read as INVALID_ARGUMENT), or undefined when the call succeeded. */
export function toolError(result: unknown): ToolErrorShape | undefined {
  const r = result as CallToolResult;
  if (!r.isError) return undefined;
  const structured = (r.structuredContent as { error?: ToolErrorShape } | undefined)?.error;
  if (structured) return structured;
  // The SDK reports arguments that fail the input schema as an error result without structured content.
  const text = r.content.map((c) => (c.type === 'text' ? c.text : '')).join(' ');
  return { code: 'INVALID_ARGUMENT', message: text };
}
