import type { Principal } from '@agentic-commerce/kit';
import { signToken, tokenAuthenticator } from '@agentic-commerce/kit/identity/token';
import { dropPrefixedSchemas, sharedPglite, testEngines, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../api/create-api.ts';
import { embeddedCheckpointer } from '../checkpointers/checkpointer-factory.ts';
import { createFakeShop } from '../testing/fake-shop-server.ts';
import { graphHarness } from '../testing/graph-harness.ts';
import { memoryConversationStore } from './conversation-store.ts';
import { openSqlConversationStore, sqlConversationStore } from './sql-conversation-store.ts';
import { createSupportService } from './support-service.ts';

const secret = 'test-secret-test-secret-test-secret-0123456789';
const token = (p: Principal) => `Bearer ${signToken(secret, { principal: p })}`;
const sara = token({ kind: 'customer', id: 'customer:sara', customerId: 'sara_doe_496', scopes: [] });
const mallory = token({ kind: 'customer', id: 'customer:mallory', customerId: 'mallory_1', scopes: [] });
const backend = token({ kind: 'service', id: 'svc:web', scopes: ['conversations'] });
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

const post = (app: ReturnType<typeof createApi>, path: string, auth: string, payload: unknown) =>
  app.request(path, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
const get = (app: ReturnType<typeof createApi>, path: string, auth: string) => app.request(path, { headers: { authorization: auth } });

describe.each(testEngines())('API conversations survive a restart ($name)', { timeout: 180_000 }, ({ open }) => {
  it('keeps the customer binding, the ownership checks and the conversation itself', async () => {
    const db = await open();
    const prefix = uniquePrefix();
    const shop = createFakeShop({ db: await sharedPglite(), prefix: uniquePrefix() });
    const checkpointer = embeddedCheckpointer(db, `${prefix}_ckpt`);
    await checkpointer.setup();
    const h = await graphHarness({ shop, checkpointer });
    cleanup.push(async () => {
      await h.close();
      await dropPrefixedSchemas(db, prefix);
      await dropPrefixedSchemas(await sharedPglite(), shop.prefix);
    });
    const schema = `${prefix}_graph`;

    // First process: Sara opens a conversation with her own token and asks for a return.
    const before = createApi(createSupportService({ graph: h.graph, conversations: await openSqlConversationStore(db, schema) }), tokenAuthenticator(secret));
    const opened = await post(before, '/conversations', sara, {});
    expect(opened.status).toBe(201);
    const { conversationId } = (await opened.json()) as { conversationId: string };
    const first = (await (await post(before, `/conversations/${conversationId}/messages`, sara, { text: 'I want to return my bottle, email sara.doe@example.com' })).json()) as { awaiting: string };
    expect(first.awaiting).toBe('confirmation');

    // Second process: a new service and graph over the same database; nothing carried over in memory.
    const store = sqlConversationStore(db, schema);
    expect(await store.get(conversationId)).toEqual({ id: conversationId, customerId: 'sara_doe_496', principalKind: 'customer', createdAt: expect.any(String) });
    const after = createApi(createSupportService({ graph: h.restart(), conversations: store }), tokenAuthenticator(secret));
    expect((await get(after, `/conversations/${conversationId}/transcript`, mallory)).status).toBe(404);
    expect((await post(after, `/conversations/${conversationId}/messages`, mallory, { text: 'yes' })).status).toBe(404);
    const transcript = (await (await get(after, `/conversations/${conversationId}/transcript`, sara)).json()) as { lines: { text: string }[] };
    expect(transcript.lines.map((l) => l.text)).toContain('I want to return my bottle, email [email]');

    // Sara confirms after the restart: the held return runs, for her.
    const confirmed = await post(after, `/conversations/${conversationId}/messages`, sara, { text: 'yes' });
    expect(confirmed.status).toBe(200);
    expect(((await confirmed.json()) as { awaiting: string }).awaiting).toBe('customer');
    expect((await shop.effects()).map((e) => e.tool)).toEqual(['return_delivered_order_items']);

    // A service token may still read it; a conversation opened by the backend for nobody stays readable by it alone.
    expect((await get(after, `/conversations/${conversationId}/transcript`, backend)).status).toBe(200);
    const anonymous = ((await (await post(after, '/conversations', backend, {})).json()) as { conversationId: string }).conversationId;
    expect(await store.get(anonymous)).toMatchObject({ principalKind: 'service' });
    expect(await store.get(anonymous)).not.toHaveProperty('customerId');
    expect((await get(after, `/conversations/${anonymous}/transcript`, sara)).status).toBe(404);

    // A record kept from before the store noted paused runs ('?': not known) is checked once and corrected.
    await db.query(`UPDATE ${schema}.conversations SET awaiting_approval = '?' WHERE id = $1`, [conversationId]);
    expect(await store.awaiting()).toEqual([{ id: conversationId, approvalId: undefined }]);
    expect(await createSupportService({ graph: h.restart(), conversations: store }).pendingApprovals()).toEqual([]);
    expect(await store.awaiting()).toEqual([]);

    // What the in-memory default forgets on a restart, for contrast: Sara's conversation answers as missing.
    const forgetful = createApi(createSupportService({ graph: h.restart(), conversations: memoryConversationStore() }), tokenAuthenticator(secret));
    expect((await get(forgetful, `/conversations/${conversationId}/transcript`, sara)).status).toBe(404);
  });
});
