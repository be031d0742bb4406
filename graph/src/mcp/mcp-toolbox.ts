import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema, ListToolsResultSchema, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { toOutcome, unavailableOutcome, type ToolOutcome } from './tool-outcome.ts';

/** One tool as the graph sees it: where it lives, whether it writes, and the schema the model is given. */
export interface ToolEntry {
  name: string;
  system: string;
  description: string;
  /** MCP readOnlyHint false (or absent): the graph asks the customer before running it. */
  write: boolean;
  /** JSON Schema of the arguments the model supplies (without the action-layer fields the graph adds). */
  parameters: Record<string, unknown>;
}

export interface CallOptions {
  idempotencyKey?: string | undefined;
  approvalId?: string | undefined;
}

/** The tools of one conversation, across all connected MCP servers. */
export interface McpToolbox {
  list(): ToolEntry[];
  get(name: string): ToolEntry | undefined;
  call(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<ToolOutcome>;
  close(): Promise<void>;
}

const ACTION_FIELDS = ['idempotency_key', 'approval_id'];

function modelParameters(tool: Tool): Record<string, unknown> {
  const schema = { ...(tool.inputSchema as Record<string, unknown>) };
  const properties = { ...((schema.properties as Record<string, unknown> | undefined) ?? {}) };
  for (const field of ACTION_FIELDS) delete properties[field];
  const required = Array.isArray(schema.required) ? (schema.required as string[]).filter((f) => !ACTION_FIELDS.includes(f)) : undefined;
  const { $schema: _ignored, ...rest } = schema;
  return { ...rest, type: 'object', properties, ...(required ? { required } : {}) };
}

/** How a toolbox learns a server's tools; the default asks the server (tools/list, every page). */
export type ToolLister = (system: string, client: Client) => Promise<Tool[]>;

export const listServerTools: ToolLister = async (_system, client) => {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  do {
    // A plain request, not client.listTools(): listTools compiles an output-schema validator for every tool (for
    // client.callTool, which `call` below does not use); per conversation that was ~30% of a simulated contact's CPU.
    const page = await client.request({ method: 'tools/list', ...(cursor ? { params: { cursor } } : {}) }, ListToolsResultSchema);
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
};

/** Lists the tools of every connected server once and routes calls by tool name. */
export async function createMcpToolbox(clients: Record<string, Client>, listTools: ToolLister = listServerTools): Promise<McpToolbox> {
  const entries = new Map<string, ToolEntry & { client: Client }>();
  for (const [system, client] of Object.entries(clients)) {
    for (const tool of await listTools(system, client)) {
      if (entries.has(tool.name)) throw new Error(`tool "${tool.name}" is served by both ${entries.get(tool.name)?.system} and ${system}; tool names must be unique`);
      entries.set(tool.name, {
        name: tool.name,
        system,
        description: tool.description ?? tool.title ?? tool.name,
        write: tool.annotations?.readOnlyHint !== true,
        parameters: modelParameters(tool),
        client,
      });
    }
  }
  const strip = ({ client: _client, ...entry }: ToolEntry & { client: Client }): ToolEntry => entry;
  return {
    list: () => [...entries.values()].map(strip),
    get: (name) => {
      const entry = entries.get(name);
      return entry ? strip(entry) : undefined;
    },
    async call(name, args, options = {}): Promise<ToolOutcome> {
      const entry = entries.get(name);
      if (!entry) {
        const message = `there is no tool named "${name}"; available: ${[...entries.keys()].join(', ')}`;
        return { ok: false, text: `INVALID_ARGUMENT: ${message}`, code: 'INVALID_ARGUMENT', message, details: undefined };
      }
      const fullArgs = { ...args };
      if (entry.write && options.idempotencyKey) fullArgs.idempotency_key = options.idempotencyKey;
      if (entry.write && options.approvalId) fullArgs.approval_id = options.approvalId;
      try {
        // A plain request, not client.callTool(): callTool validates an error result's structuredContent
        // ({ error }) against the tool's output schema and would turn every tool error into an exception.
        const result = (await entry.client.request({ method: 'tools/call', params: { name, arguments: fullArgs } }, CallToolResultSchema)) as CallToolResult;
        return toOutcome(result);
      } catch (error) {
        if (error instanceof McpError) {
          const message = `${name} refused the request: ${error.message}`;
          return { ok: false, text: `INVALID_ARGUMENT: ${message}`, code: 'INVALID_ARGUMENT', message, details: undefined };
        }
        return unavailableOutcome(name, error);
      }
    },
    async close() {
      await Promise.all(Object.values(clients).map((c) => c.close().catch(() => undefined)));
    },
  };
}
