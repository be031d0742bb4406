import { registerTools, type ActionRuntime, type BackendFactory } from '@agentic-commerce/kit';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { KnowledgeBase } from './knowledge-base.ts';
import { getPolicySection } from './tools/get-policy-section.ts';
import { getProduct } from './tools/get-product.ts';
import { searchPolicies } from './tools/search-policies.ts';
import { searchProducts } from './tools/search-products.ts';

export const KNOWLEDGE_SERVER_NAME = 'knowledge';
export const KNOWLEDGE_SERVER_VERSION = '0.1.0';

/** Every knowledge tool (all read-only), in the order clients list them. */
export const knowledgeTools = [searchProducts, getProduct, searchPolicies, getPolicySection];

export interface CreateKnowledgeServerOptions {
  runtime: ActionRuntime;
  /** The knowledge base; it needs no SQL, so the factory usually ignores its argument: `() => kb`. */
  backend: BackendFactory<KnowledgeBase>;
}

/** The knowledge MCP server: the only place its tools are wired to the action layer. Scope: "knowledge:read". */
export function createKnowledgeServer({ runtime, backend }: CreateKnowledgeServerOptions): McpServer {
  const server = new McpServer(
    { name: KNOWLEDGE_SERVER_NAME, version: KNOWLEDGE_SERVER_VERSION },
    { instructions: 'Grounded store knowledge: catalog search with filters, product details, and the store policies. Every answer carries citations (id + version).' },
  );
  registerTools(server, 'knowledge', knowledgeTools, runtime, backend);
  return server;
}
