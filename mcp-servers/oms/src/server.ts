import { registerTools, type ActionRuntime, type BackendFactory } from '@agentic-commerce/kit';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { OmsPorts } from './ports/pricing-port.ts';
import type { OmsBackend } from './store/oms-backend.ts';
import { omsTools } from './tools/oms-tools.ts';

export interface OmsServerOptions {
  runtime: ActionRuntime;
  /** e.g. `sqlOmsBackend('oms')`; writes get it bound to their transaction. */
  backend: BackendFactory<OmsBackend>;
  /** The warehouse and pricing systems, for create_order and cancellations of orders it placed. */
  ports?: OmsPorts;
}

export const OMS_SERVER_NAME = 'oms';

/** The OMS MCP server: the only place its tools are wired. */
export function createOmsServer({ runtime, backend, ports }: OmsServerOptions): McpServer {
  const server = new McpServer(
    { name: OMS_SERVER_NAME, version: '0.1.0' },
    { instructions: 'Orders, customers, catalog and payments. Authenticate the customer (find_user_id_by_email or find_user_id_by_name_zip) before anything else.' },
  );
  registerTools(server, 'oms', omsTools(ports), runtime, backend);
  return server;
}
