import { createActionRuntime, toolErrorOf, type KitRuntime, type Principal } from '@agentic-commerce/kit';
import { generateSigner } from '@agentic-commerce/kit/ledger/ledger-keys';
import { connectAs } from '@agentic-commerce/kit/testing/connect-as';
import { dropPrefixedSchemas, sharedPglite, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TauBenchCatalog } from './catalog/tau-bench-catalog.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { createKnowledgeServer, knowledgeTools } from './server.ts';
import { openEmbeddedStore } from './store/embedded-store.ts';

const prefix = uniquePrefix();
let kb: KnowledgeBase;
let runtime: KitRuntime;
const shopper: Principal = { kind: 'customer', id: 'c:sara', customerId: 'sara_doe_496', scopes: ['knowledge:read'] };

const connect = (principal: Principal) => connectAs(createKnowledgeServer({ runtime, backend: () => kb }), principal);
type Result = Awaited<ReturnType<Client['callTool']>>;
const errorOf = (r: Result) => toolErrorOf(r as Parameters<typeof toolErrorOf>[0])!;

describe('knowledge MCP server', () => {
  // The kit schema migration on the shared PGlite is the slow part; do it once, with room for a loaded machine.
  beforeAll(async () => {
    kb = await KnowledgeBase.open({ store: await openEmbeddedStore() });
    await kb.ingest(await TauBenchCatalog.load());
    runtime = createActionRuntime({ db: await sharedPglite(), schema: `${prefix}_kit`, signer: generateSigner() });
    await runtime.ready();
  }, 180_000);
  afterAll(async () => dropPrefixedSchemas(await sharedPglite(), prefix));

  it('lists four read-only tools', async () => {
    const { tools } = await (await connect(shopper)).listTools();
    expect(tools.map((t) => t.name)).toEqual(knowledgeTools.map((t) => t.name));
    expect(tools.map((t) => t.name)).toEqual(['search_products', 'get_product', 'search_policies', 'get_policy_section']);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
  });

  it('searches products with extracted and explicit filters, each hit cited', async () => {
    const client = await connect(shopper);
    const result = await client.callTool({ name: 'search_products', arguments: { query: 'bluetooth speaker under $300', in_stock: true, limit: 5 } });
    const out = result.structuredContent as { hits: { product_name: string; price: number; available: boolean; citation: { id: string } }[]; applied_filters: unknown };
    expect(out.applied_filters).toEqual({ price_max: 300, in_stock: true });
    expect(out.hits.length).toBeGreaterThan(0);
    expect(out.hits.every((h) => h.product_name === 'Bluetooth Speaker' && h.price <= 300 && h.available && h.citation.id.startsWith('variant:'))).toBe(true);
  });

  it('reports a query with no searchable words instead of citing arbitrary products', async () => {
    const client = await connect(shopper);
    const result = await client.callTool({ name: 'search_products', arguments: { query: 'what do you have?' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ hits: [], searchable: false });
  });

  it('gets a product, and explains a malformed id', async () => {
    const client = await connect(shopper);
    const found = await client.callTool({ name: 'get_product', arguments: { product_id: '9523456873' } });
    expect(found.structuredContent).toMatchObject({ name: 'T-Shirt', category: 'Apparel', variants: expect.any(Array) });
    const bad = await client.callTool({ name: 'get_product', arguments: { product_id: 'shirt' } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toMatch(/numeric product id/);
  });

  it('answers policy questions with chunk id and version, and resolves a cited section', async () => {
    const client = await connect(shopper);
    const search = await client.callTool({ name: 'search_policies', arguments: { query: 'when will my gift card refund arrive' } });
    const hits = (search.structuredContent as { hits: { chunk_id: string; citation: { id: string; version: string } }[] }).hits;
    expect(hits.map((h) => h.chunk_id)).toContain('refunds#refund-timing');
    expect(hits[0]?.citation.version).toBe('2026.1');
    const section = await client.callTool({ name: 'get_policy_section', arguments: { doc: 'returns', section: 'return-window' } });
    expect(section.structuredContent).toMatchObject({ chunk_id: 'returns#return-window', version: '2026.1', citation: { id: 'returns#return-window', version: '2026.1' } });
    const missing = await client.callTool({ name: 'get_policy_section', arguments: { doc: 'returns', section: 'window' } });
    expect(errorOf(missing)).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/sections: overview, eligibility, return-window/) });
  });

  it('refuses a caller without the knowledge:read scope', async () => {
    const client = await connect({ ...shopper, scopes: ['oms:read'] });
    const denied = await client.callTool({ name: 'search_policies', arguments: { query: 'returns' } });
    expect(errorOf(denied).code).toBe('FORBIDDEN');
  });
});
