import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { createActionRuntime, type ActionRuntimeOptions, type KitRuntime } from '../action-runtime.ts';
import type { Database } from '../db/database.ts';
import { generateSigner } from '../ledger/ledger-keys.ts';
import type { Principal } from '../principal.ts';
import { registerTools } from '../register-tools.ts';
import { transactionalBackend } from '../tool.ts';
import { connectAs } from './connect-as.ts';
import { migrateRefunds, refundTools, refundsBackend, testPolicy } from './refunds-system.ts';
import { dropPrefixedSchemas, uniquePrefix } from './test-database.ts';

export const principals = {
  alice: { kind: 'customer', id: 'c:alice', customerId: 'alice', scopes: ['refunds:read', 'refunds:write'] },
  bob: { kind: 'customer', id: 'c:bob', customerId: 'bob', scopes: ['refunds:read', 'refunds:write'] },
  agent: (conversationId: string): Principal => ({ kind: 'agent', id: 'agent:support', conversationId, scopes: ['refunds:*'] }),
  operator: { kind: 'operator', id: 'op:olga', scopes: ['approvals:resolve', 'refunds:read'] },
  service: { kind: 'service', id: 'svc:bench', scopes: ['*'] },
} satisfies Record<string, Principal | ((c: string) => Principal)>;

/** When writes are admitted: 'start' (key claimed before the handler), 'commit' (with the ledger append; see tool.ts `effects`). */
export type AdmissionMode = 'start' | 'commit';
export const ADMISSION_MODES: AdmissionMode[] = ['start', 'commit'];

/**
 * A namespaced refunds system plus a kit runtime on `db`, with clients per principal. `admission: 'commit'` declares
 * the refunds backend transactional, so `issue_refund` (effects: 'backend') is admitted at commit.
 */
export async function kitHarness(db: Database, options: Partial<ActionRuntimeOptions> & { admission?: AdmissionMode } = {}) {
  const prefix = uniquePrefix();
  const schema = `${prefix}_refunds`;
  await migrateRefunds(db, schema, { alice: 0, bob: 0 });
  const { admission = 'start', ...runtimeOptions } = options;
  const backend = admission === 'commit' ? transactionalBackend(refundsBackend(schema)) : refundsBackend(schema);
  const runtime: KitRuntime = createActionRuntime({ db, schema: `${prefix}_kit`, policy: testPolicy(), signer: generateSigner(), ...runtimeOptions });
  await runtime.ready();
  const createServer = () => {
    const server = new McpServer({ name: 'refunds', version: '0.0.0' });
    registerTools(server, 'refunds', refundTools, runtime, backend);
    return server;
  };
  const clients = new Map<string, Client>();
  return {
    prefix, schema, runtime, backend, createServer,
    as: (principal: Principal): Promise<Client> => connectCached(principal),
    call: async (principal: Principal, name: string, args: Record<string, unknown>) => (await connectCached(principal)).callTool({ name, arguments: args }),
    balance: async (customerId: string) => (await db.query<{ balance: number }>(`SELECT balance FROM ${schema}.wallets WHERE customer_id = $1`, [customerId]))[0]?.balance,
    refunds: async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.refunds`))[0]?.n ?? 0,
    cleanup: async () => {
      for (const client of clients.values()) await client.close();
      await dropPrefixedSchemas(db, prefix);
    },
  };
  async function connectCached(principal: Principal) {
    const key = `${principal.id}|${principal.conversationId ?? ''}`;
    let client = clients.get(key);
    if (!client) {
      client = await connectAs(createServer(), principal);
      clients.set(key, client);
    }
    return client;
  }
}
export type KitHarness = Awaited<ReturnType<typeof kitHarness>>;
