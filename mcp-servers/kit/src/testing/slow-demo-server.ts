/**
 * A server for the shutdown test (server-cli.test.ts): runServerCli with one tool, `wait`, that answers after
 * `ms` milliseconds. The kit schema is DEMO_KIT_SCHEMA.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { runServerCli } from '../transports/server-cli.ts';

await runServerCli({
  name: 'demo',
  defaultPort: 0,
  runtime: { schema: process.env.DEMO_KIT_SCHEMA },
  backend: () => ({}),
  createServer: () => {
    const server = new McpServer({ name: 'slow-demo', version: '0.0.0' });
    server.registerTool('wait', { description: 'answers after ms milliseconds', inputSchema: { ms: z.number() } }, async ({ ms }) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { content: [{ type: 'text', text: `waited ${ms} ms` }] };
    });
    return server;
  },
});
