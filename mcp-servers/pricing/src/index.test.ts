import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Black-box: the runnable entry over stdio, on its own embedded database. */
describe('pricing server over stdio', () => {
  const client = new Client({ name: 'stdio-test', version: '0.0.0' });
  beforeAll(async () => {
    const transport = new StdioClientTransport({
      command: `${repoRoot}node_modules/.bin/tsx`,
      args: ['mcp-servers/pricing/src/index.ts'],
      cwd: repoRoot,
      env: { ...(process.env as Record<string, string>), DATABASE_URL: '', COMMERCE_PRINCIPAL: JSON.stringify({ kind: 'service', id: 'svc:stdio-test', scopes: ['pricing:*'] }) },
      stderr: 'pipe',
    });
    // The child starts tsx, PGlite and the migrations before it reads stdin: allow for a busy machine.
    await client.connect(transport, { timeout: 170_000 });
  }, 180_000);
  afterAll(async () => client.close());

  // A plain request, not client.callTool(): after listTools the SDK client validates an error result's
  // structuredContent ({ error }, from the kit) against the tool's output schema and throws (see graph/src/mcp).
  const call = (name: string, args: Record<string, unknown>) => client.request({ method: 'tools/call', params: { name, arguments: args } }, CallToolResultSchema);

  it('serves the pricing tools and answers with tool errors a model can act on', async () => {
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(9);
    const result = await call('get_loyalty_balance', { customer_id: 'nobody_1' });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([{ type: 'text', text: 'NOT_FOUND: no loyalty account for customer nobody_1' }]);
    const quote = await call('quote_cart', {
      customer_id: 'nobody_1',
      lines: [{ item_id: '123', quantity: 1 }],
      shipping_address: { address1: 'a', city: 'b', state: 'NY', country: 'USA', zip: '10001' },
    });
    expect(quote.content).toEqual([{ type: 'text', text: 'NOT_FOUND: no current list price for item(s) 123; check the item ids' }]);
  });
});
