import { randomBytes } from 'node:crypto';
import { createActionRuntime, migrate, serveHttp, signToken, tokenAuthenticator, type HttpServerHandle, type Principal } from '@agentic-commerce/kit';
import { dropPrefixedSchemas, sharedPglite, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPricingServer } from './server.ts';
import { pricingBulkLoader } from './store/bulk-load.ts';
import { pricingMigrations } from './store/migrations.ts';
import { sqlPricingBackend } from './store/sql-pricing-backend.ts';

const prefix = uniquePrefix();
const schema = `${prefix}_pricing`;
const secret = randomBytes(32).toString('hex');

/** The pricing server over Streamable HTTP: the principal comes from the bearer token, never from the arguments. */
describe('pricing server over Streamable HTTP', () => {
  let handle: HttpServerHandle;
  beforeAll(async () => {
    const db = await sharedPglite();
    await migrate(db, schema, pricingMigrations);
    await pricingBulkLoader(schema)(db).loadLoyaltyAccounts([{ customerId: 'ann', balance: 700, segment: 'gold' }, { customerId: 'bob', balance: 5 }]);
    const runtime = createActionRuntime({ db, schema: `${prefix}_kit` });
    handle = await serveHttp({ createServer: () => createPricingServer({ runtime, backend: sqlPricingBackend(schema) }), authenticate: tokenAuthenticator(secret) });
  }, 180_000);
  afterAll(async () => {
    await handle.close();
    await dropPrefixedSchemas(await sharedPglite(), prefix);
  });

  async function clientFor(principal: Principal) {
    const client = new Client({ name: 'http-test', version: '0.0.0' });
    const token = signToken(secret, { principal });
    await client.connect(new StreamableHTTPClientTransport(new URL(handle.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    return (name: string, args: Record<string, unknown>) => client.request({ method: 'tools/call', params: { name, arguments: args } }, CallToolResultSchema);
  }

  it('scopes loyalty to the token\'s customer', async () => {
    const call = await clientFor({ kind: 'customer', id: 'c:ann', customerId: 'ann', scopes: ['pricing:read'] });
    expect((await call('get_loyalty_balance', {})).structuredContent).toMatchObject({ customer_id: 'ann', points: 700, segment: 'gold' });
    expect((await call('get_loyalty_balance', { customer_id: 'bob' })).content).toEqual([{ type: 'text', text: 'NOT_FOUND: no loyalty account for customer bob' }]);
    const write = await call('redeem_loyalty_points', { order_id: '#W9', points: 10, idempotency_key: 'http-test-redeem-1' });
    expect(write.content).toEqual([{ type: 'text', text: expect.stringMatching(/^FORBIDDEN: .*"pricing:write" scope/) }]);
  });

  it('refuses a request without a valid token', async () => {
    const response = await fetch(handle.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
  });
});
