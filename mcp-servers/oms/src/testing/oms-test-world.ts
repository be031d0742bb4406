import { keyedWrites } from '@agentic-commerce/kit/testing/keyed-writes';
import { createActionRuntime, migrate, type Database, type Principal } from '@agentic-commerce/kit';
import { dropPrefixedSchemas, sharedPglite, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { exportTauState, importTauBench, type TauState } from '../import/tau-bench.ts';
import type { OmsPorts } from '../ports/pricing-port.ts';
import { createOmsServer } from '../server.ts';
import { omsMigrations } from '../store/migrations.ts';
import { sqlOmsBackend } from '../store/sql-oms-backend.ts';
import { DELIVERED, MUG, PENDING, SHIRT, USER, USER_ID, fresh } from './sample-records.ts';

export const BOB = 'bob_ray_100';
export const BOB_ORDER = {
  ...fresh(PENDING),
  order_id: '#W9000001',
  user_id: BOB,
  payment_history: [{ transaction_type: 'payment' as const, amount: 111.86, payment_method_id: 'gift_card_2222223' }],
};

/** The sample records plus a second customer (Bob) with one pending order paid by gift card. */
export function sampleState(): TauState {
  const bob = {
    ...fresh(USER),
    name: { first_name: 'Bob', last_name: 'Ray' },
    email: 'bob@example.com',
    orders: [BOB_ORDER.order_id],
    payment_methods: { gift_card_2222223: { source: 'gift_card' as const, id: 'gift_card_2222223', balance: 5 } },
  };
  return {
    users: { [USER_ID]: fresh(USER), [BOB]: bob },
    orders: { [PENDING.order_id]: fresh(PENDING), [DELIVERED.order_id]: fresh(DELIVERED), [BOB_ORDER.order_id]: fresh(BOB_ORDER) },
    products: { [SHIRT.product_id]: fresh(SHIRT), [MUG.product_id]: fresh(MUG) },
  };
}

export interface OmsTestWorld {
  db: Database;
  schema: string;
  /** The kit schema (ledger, approvals) of the runtimes `connect` creates. */
  kitSchema: string;
  /** An MCP client connected in memory to an OMS server acting as `principal`. */
  connect(principal: Principal, ports?: OmsPorts): Promise<Client>;
  snapshot(): Promise<TauState>;
  drop(): Promise<void>;
}

/** A migrated, seeded OMS schema on the worker's shared PGlite, with its own kit schema. */
export async function openOmsTestWorld(): Promise<OmsTestWorld> {
  const prefix = uniquePrefix();
  const schema = `${prefix}_oms`;
  const db = await sharedPglite();
  await migrate(db, schema, omsMigrations);
  await db.transaction((tx) => importTauBench(sqlOmsBackend(schema)(tx), sampleState()));
  return {
    db,
    schema,
    kitSchema: `${prefix}_kit`,
    async connect(principal, ports = {}) {
      const runtime = createActionRuntime({ db, schema: `${prefix}_kit`, defaultPrincipal: principal });
      const server = createOmsServer({ runtime, backend: sqlOmsBackend(schema), ports });
      const [a, b] = InMemoryTransport.createLinkedPair();
      const client = new Client({ name: 'test', version: '0.0.0' });
      await Promise.all([server.connect(a), client.connect(b)]);
      return keyedWrites(client); // a fresh key per write unless the test names one
    },
    snapshot: () => exportTauState(sqlOmsBackend(schema)(db)),
    drop: () => dropPrefixedSchemas(db, prefix),
  };
}

export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

export const resultText = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
