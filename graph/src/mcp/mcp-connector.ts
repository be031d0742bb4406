import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Principal } from '@agentic-commerce/kit';
import { conversationPrincipal, type ConversationIdentity } from './conversation-principal.ts';
import { createMcpToolbox, listServerTools, type McpToolbox } from './mcp-toolbox.ts';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

/** Opens the MCP tools of one conversation, carrying its principal to every server. */
export interface McpConnector {
  open(identity: ConversationIdentity): Promise<McpToolbox>;
}

const clientInfo = { name: 'agentic-commerce-graph', version: '0.1.0' };

/**
 * In-process servers. Every request carries the conversation's principal as auth info, exactly where the
 * kit reads a verified token's principal, so one shared server runtime serves every conversation.
 * Every conversation gets servers from the same factories, so their tools are listed once (the server side of
 * tools/list converts every tool's schemas to JSON Schema: ~5% of a simulated contact's CPU when done per conversation).
 */
export function inMemoryConnector(servers: Record<string, () => McpServer>): McpConnector {
  const listed = new Map<string, Promise<Tool[]>>();
  const listOnce = (system: string, client: Client) => {
    let tools = listed.get(system);
    if (!tools) {
      tools = listServerTools(system, client);
      listed.set(system, tools);
      tools.catch(() => listed.delete(system));
    }
    return tools;
  };
  return {
    async open(identity) {
      const principal = conversationPrincipal(identity);
      const clients: Record<string, Client> = {};
      for (const [system, createServer] of Object.entries(servers)) {
        const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
        const send = clientSide.send.bind(clientSide);
        clientSide.send = (message, options) =>
          send(message, { ...options, authInfo: { token: 'in-memory', clientId: principal.id, scopes: principal.scopes, extra: { principal } } });
        await createServer().connect(serverSide);
        const client = new Client(clientInfo);
        await client.connect(clientSide);
        clients[system] = client;
      }
      return createMcpToolbox(clients, listOnce);
    },
  };
}

export interface HttpEndpoint {
  url: string;
}

/**
 * Streamable HTTP servers. `token` mints the bearer token of a conversation's principal (the kit's signed
 * tokens in production); each conversation gets its own session per server.
 */
export function httpConnector(endpoints: Record<string, HttpEndpoint>, token: (principal: Principal) => Promise<string> | string): McpConnector {
  return {
    async open(identity) {
      const bearer = await token(conversationPrincipal(identity));
      const clients: Record<string, Client> = {};
      for (const [system, { url }] of Object.entries(endpoints)) {
        const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${bearer}` } } });
        const client = new Client(clientInfo);
        await client.connect(transport);
        clients[system] = client;
      }
      return createMcpToolbox(clients);
    },
  };
}

export interface StdioServerCommand {
  command: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
}

/**
 * Child-process servers over stdio. A stdio server's principal is its launch configuration: each conversation
 * starts its own processes with COMMERCE_PRINCIPAL set to the conversation's principal.
 */
export function stdioConnector(servers: Record<string, StdioServerCommand>, options: { startTimeoutMs?: number } = {}): McpConnector {
  return {
    async open(identity) {
      const principal = JSON.stringify(conversationPrincipal(identity));
      const clients: Record<string, Client> = {};
      for (const [system, spec] of Object.entries(servers)) {
        const env = { ...(process.env as Record<string, string>), ...spec.env, COMMERCE_PRINCIPAL: principal };
        const transport = new StdioClientTransport({ command: spec.command, args: spec.args ?? [], env, ...(spec.cwd ? { cwd: spec.cwd } : {}), stderr: 'pipe' });
        const client = new Client(clientInfo);
        // A server may load its data before it answers `initialize` (e.g. --seed): allow for that.
        await client.connect(transport, { timeout: options.startTimeoutMs ?? 180_000 });
        clients[system] = client;
      }
      return createMcpToolbox(clients);
    },
  };
}
