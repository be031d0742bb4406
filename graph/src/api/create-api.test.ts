import { signToken, tokenAuthenticator } from '@agentic-commerce/kit/identity/token';
import { dropPrefixedSchemas, sharedPglite } from '@agentic-commerce/kit/testing/test-database';
import type { Principal } from '@agentic-commerce/kit';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createSupportService } from '../service/support-service.ts';
import { graphHarness } from '../testing/graph-harness.ts';
import { createApi } from './create-api.ts';

const secret = 'test-secret-test-secret-test-secret-0123456789';
const db = await sharedPglite();
const harnesses: Awaited<ReturnType<typeof graphHarness>>[] = [];
let app: ReturnType<typeof createApi>;

/** Each test gets its own shop (fresh orders), graph and API. */
beforeEach(async () => {
  const h = await graphHarness();
  harnesses.push(h);
  const service = createSupportService({
    graph: h.graph,
    approvals: h.shop.runtime.approvals,
    ledger: (conversationId) => h.shop.runtime.ledger.find(db, { conversationId }),
  });
  app = createApi(service, tokenAuthenticator(secret));
});
const token = (p: Principal) => `Bearer ${signToken(secret, { principal: p })}`;
const backend = token({ kind: 'service', id: 'svc:web', scopes: ['conversations'] });
const operator = token({ kind: 'operator', id: 'op:alice', scopes: ['approvals:resolve'] });
const sara = token({ kind: 'customer', id: 'customer:sara', customerId: 'sara_doe_496', scopes: [] });

afterAll(async () => {
  for (const h of harnesses) {
    await h.close();
    await dropPrefixedSchemas(db, h.shop.prefix);
  }
});

async function post(path: string, auth: string, payload: unknown, accept = 'application/json') {
  return app.request(path, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json', accept }, body: JSON.stringify(payload) });
}

async function converse(): Promise<string> {
  const res = await post('/conversations', backend, {});
  expect(res.status).toBe(201);
  return ((await res.json()) as { conversationId: string }).conversationId;
}

describe('HTTP API', { timeout: 180_000 }, () => {
  it('refuses requests without a valid token, saying what to send', async () => {
    const res = await app.request('/conversations', { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('Authorization: Bearer') } });
    const bad = await post('/conversations', 'Bearer nope', {});
    expect(bad.status).toBe(401);
  });

  it('runs a return over JSON and SSE, then shows the redacted transcript and the ledger', async () => {
    const id = await converse();
    const first = await post(`/conversations/${id}/messages`, backend, { text: 'I want to return my bottle, email sara.doe@example.com' });
    const outcome = (await first.json()) as { awaiting: string; reply: string };
    expect(outcome.awaiting).toBe('confirmation');
    expect(outcome.reply).toContain('Refund $50.00 to credit_card_111');

    const streamed = await post(`/conversations/${id}/messages`, backend, { text: 'yes' }, 'text/event-stream');
    expect(streamed.headers.get('content-type')).toContain('text/event-stream');
    const text = await streamed.text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events).toEqual(expect.arrayContaining(['tool_result', 'message', 'done']));
    expect(events.at(-1)).toBe('done');

    const transcript = (await (await app.request(`/conversations/${id}/transcript`, { headers: { authorization: backend } })).json()) as { lines: { text: string }[] };
    expect(JSON.stringify(transcript)).not.toContain('sara.doe@example.com');
    expect(JSON.stringify(transcript)).toContain('[email]');

    const ledger = (await (await app.request(`/conversations/${id}/ledger`, { headers: { authorization: backend } })).json()) as { entries: { kind: string; tool?: string }[] };
    expect(ledger.entries.filter((e) => e.kind === 'result').map((e) => e.tool)).toEqual(['return_delivered_order_items']);
  });

  it('takes a message sent again with its messageId as the same message: the turn is replayed, not run twice', async () => {
    const id = await converse();
    const message = { text: 'I want to return my bottle, email sara.doe@example.com', messageId: 'web-42' };
    const first = (await (await post(`/conversations/${id}/messages`, backend, message)).json()) as { reply: string };
    const again = await post(`/conversations/${id}/messages`, backend, message);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { reply: string }).reply).toBe(first.reply);
    const transcript = (await (await app.request(`/conversations/${id}/transcript`, { headers: { authorization: backend } })).json()) as { lines: { role: string; text: string }[] };
    expect(transcript.lines.filter((l) => l.text.startsWith('I want to return my bottle'))).toHaveLength(1);
    const other = await post(`/conversations/${id}/messages`, backend, { ...message, text: 'actually, cancel my order' });
    expect(other.status).toBe(409);
    expect(((await other.json()) as { error: { message: string } }).error.message).toBe(`this message id was already sent in conversation ${id} with other text; use a new message id for a new message`);
    // A later turn (the confirmation runs the return) is not part of the first message's replay.
    await post(`/conversations/${id}/messages`, backend, { text: 'yes', messageId: 'web-43' });
    const later = (await (await post(`/conversations/${id}/messages`, backend, message)).json()) as { reply: string };
    expect(later.reply).toBe(first.reply);
    // Each participant's ids are its own: in Sara's conversation her "m-1" is a new message, not the back office's "m-1".
    const saras = ((await (await post('/conversations', sara, {})).json()) as { conversationId: string }).conversationId;
    expect((await post(`/conversations/${saras}/messages`, backend, { text: 'where is my order', messageId: 'm-1' })).status).toBe(200);
    expect((await post(`/conversations/${saras}/messages`, sara, { text: 'I want to return my bottle', messageId: 'm-1' })).status).toBe(200);
    const bad = await post(`/conversations/${id}/messages`, backend, { text: 'hi', messageId: 'no spaces please' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('messageId must be 1 to 128 letters, digits or _ . : -');
  });

  it("shows a signed-in customer's own conversation's ledger", async () => {
    const id = ((await (await post('/conversations', sara, {})).json()) as { conversationId: string }).conversationId;
    const asked = (await (await post(`/conversations/${id}/messages`, sara, { text: 'I want to return my bottle, email sara.doe@example.com' })).json()) as { awaiting: string };
    expect(asked.awaiting).toBe('confirmation');
    await post(`/conversations/${id}/messages`, sara, { text: 'yes' });
    const ledger = (await (await app.request(`/conversations/${id}/ledger`, { headers: { authorization: sara } })).json()) as { entries: { kind: string; tool?: string }[] };
    expect(ledger.entries.filter((e) => e.kind === 'result').map((e) => e.tool)).toEqual(['return_delivered_order_items']);
  });

  it('lets only operators list and resolve approvals; the conversation resumes', async () => {
    const id = await converse();
    await post(`/conversations/${id}/messages`, backend, { text: 'exchange my bottle, sara.doe@example.com' });
    const paused = (await (await post(`/conversations/${id}/messages`, backend, { text: 'yes' })).json()) as { awaiting: string; approval: { approvalId: string } };
    expect(paused.awaiting).toBe('approval');

    expect((await app.request('/approvals', { headers: { authorization: sara } })).status).toBe(403);
    const listed = (await (await app.request('/approvals', { headers: { authorization: operator } })).json()) as { approvals: { approvalId: string; conversationId: string }[] };
    expect(listed.approvals).toContainEqual(expect.objectContaining({ approvalId: paused.approval.approvalId, conversationId: id }));

    const bad = await post(`/approvals/${paused.approval.approvalId}`, operator, { conversationId: id, decision: 'perhaps' });
    expect(bad.status).toBe(400);
    const resolved = await post(`/approvals/${paused.approval.approvalId}`, operator, { conversationId: id, decision: 'approve' });
    const outcome = (await resolved.json()) as { awaiting: string; reply: string };
    expect(outcome.awaiting).toBe('customer');
    expect(outcome.reply).toContain('exchange requested');
    const after = (await (await app.request('/approvals', { headers: { authorization: operator } })).json()) as { approvals: { approvalId: string }[] };
    expect(after.approvals.map((a) => a.approvalId)).not.toContain(paused.approval.approvalId);
  });

  it("hides other customers' conversations and serves the OpenAPI document", async () => {
    const id = await converse();
    expect((await app.request(`/conversations/${id}/transcript`, { headers: { authorization: sara } })).status).toBe(404);
    const doc = (await (await app.request('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/conversations', '/conversations/{id}/messages', '/approvals/{id}']));
  });

  it('lets only customers (their own) and back-office tokens with the conversations scope use conversations', async () => {
    const id = await converse();
    const agent = token({ kind: 'agent', id: 'agent:conversation:other', conversationId: 'other', scopes: ['oms:read', 'oms:write'] });
    const narrow = token({ kind: 'service', id: 'svc:reports', scopes: ['oms:read'] });
    const get = (path: string, auth: string) => app.request(path, { headers: { authorization: auth } });
    for (const auth of [agent, narrow]) {
      expect((await post('/conversations', auth, { customerId: 'sara_doe_496' })).status).toBe(403);
      expect((await post(`/conversations/${id}/messages`, auth, { text: 'hi' })).status).toBe(403);
      expect((await get(`/conversations/${id}/transcript`, auth)).status).toBe(403);
      expect((await get(`/conversations/${id}/ledger`, auth)).status).toBe(403);
    }
    expect(((await (await post('/conversations', agent, {})).json()) as { error: { message: string } }).error.message).toContain('agent tokens are for the MCP servers');
    // An operator reviews what they approve, but does not run conversations; the approvals scope alone lets only an
    // operator or admin read.
    expect((await get(`/conversations/${id}/transcript`, operator)).status).toBe(200);
    expect((await get(`/conversations/${id}/transcript`, token({ kind: 'service', id: 'svc:approver', scopes: ['approvals:resolve'] }))).status).toBe(403);
    expect((await post(`/conversations/${id}/messages`, operator, { text: 'hi' })).status).toBe(403);
  });

  it('refuses a blank message before running anything, and answers refusals over SSE with their code', async () => {
    const id = await converse();
    const blank = await post(`/conversations/${id}/messages`, backend, { text: '   ' });
    expect(blank.status).toBe(400);
    expect(((await blank.json()) as { error: { message: string } }).error.message).toContain('a message must have 1 to 4000 characters');
    const missing = await post('/conversations/conv_missing/messages', backend, { text: 'hello' }, 'text/event-stream');
    expect(missing.status).toBe(404);
  });
});
