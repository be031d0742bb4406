import { z } from 'zod';
import type { Principal } from '@agentic-commerce/kit';
import { httpConnector, stdioConnector, type McpConnector } from './mcp-connector.ts';

const httpEndpoints = z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.url().describe('Streamable HTTP URL, e.g. http://127.0.0.1:3101/mcp'));
const stdioCommands = z.record(
  z.string().regex(/^[a-z][a-z0-9-]*$/),
  z.strictObject({
    command: z.string().min(1).describe('executable'),
    args: z.array(z.string()).optional().describe('arguments'),
    env: z.record(z.string(), z.string()).optional().describe('extra environment'),
    cwd: z.string().optional().describe('working directory'),
  }),
);

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${name} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * MCP servers that run elsewhere, from the environment:
 *   MCP_ENDPOINTS='{"oms":"http://host:3101/mcp",...}'  Streamable HTTP; tokens minted with `mintToken` per conversation
 *   MCP_STDIO='{"oms":{"command":"node","args":["oms.js"]},...}'  one child process set per conversation
 * Returns undefined when neither is set (the caller then runs the reference servers itself).
 */
export function connectorFromEnv(env: NodeJS.ProcessEnv, mintToken: (principal: Principal) => string): McpConnector | undefined {
  if (env.MCP_ENDPOINTS && env.MCP_STDIO) throw new Error('set MCP_ENDPOINTS or MCP_STDIO, not both');
  if (env.MCP_ENDPOINTS) {
    const parsed = httpEndpoints.safeParse(parseJson('MCP_ENDPOINTS', env.MCP_ENDPOINTS));
    if (!parsed.success) throw new Error(`MCP_ENDPOINTS must map system names to URLs, e.g. {"oms":"http://127.0.0.1:3101/mcp"}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return httpConnector(Object.fromEntries(Object.entries(parsed.data).map(([s, url]) => [s, { url }])), mintToken);
  }
  if (env.MCP_STDIO) {
    const parsed = stdioCommands.safeParse(parseJson('MCP_STDIO', env.MCP_STDIO));
    if (!parsed.success) throw new Error(`MCP_STDIO must map system names to {command, args?, env?, cwd?}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return stdioConnector(parsed.data as Record<string, { command: string; args?: string[]; env?: Record<string, string>; cwd?: string }>);
  }
  return undefined;
}
