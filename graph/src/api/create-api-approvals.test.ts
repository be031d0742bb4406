import { signToken, tokenAuthenticator } from '@agentic-commerce/kit/identity/token';
import { dropPrefixedSchemas, sharedPglite } from '@agentic-commerce/kit/testing/test-database';
import type { Principal } from '@agentic-commerce/kit';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createSupportService } from '../service/support-service.ts';
import { graphHarness } from '../testing/graph-harness.ts';
import { createApi } from './create-api.ts';

// A paused conversation whose approval the kit settles without the API: it expires, or the approvals CLI resolves it.
const secret = 'test-secret-test-secret-test-secret-0123456789';
const db = await sharedPglite();
const harnesses: Awaited<ReturnType<typeof graphHarness>>[] = [];
let h: Awaited<ReturnType<typeof graphHarness>>;
let app: ReturnType<typeof createApi>;

beforeEach(async () => {
  h = await graphHarness();
  harnesses.push(h);
  app = createApi(createSupportService({ graph: h.graph, approvals: h.shop.runtime.approvals }), tokenAuthenticator(secret));
});
afterAll(async () => {
  for (const one of harnesses) {
    await one.close();
    await dropPrefixedSchemas(db, one.shop.prefix);
  }
});

const token = (p: Principal) => `Bearer ${signToken(secret, { principal: p })}`;
const backend = token({ kind: 'service', id: 'svc:web', scopes: ['conversations'] });
const operator = token({ kind: 'operator', id: 'op:alice', scopes: ['approvals:*'] });
const post = (path: string, auth: string, payload: unknown) =>
  app.request(path, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
type Outcome = { awaiting: string; reply: string; notice?: string; error?: { code: string; message: string } };
const say = async (id: string, text: string) => {
  const res = await post(`/conversations/${id}/messages`, backend, { text });
  return { status: res.status, body: (await res.json()) as Outcome };
};
const listed = async () => ((await (await app.request('/approvals', { headers: { authorization: operator } })).json()) as { approvals: { approvalId: string }[] }).approvals.map((a) => a.approvalId);

/** A conversation paused on the exchange's approval. */
async function paused(): Promise<{ id: string; approvalId: string }> {
  const id = ((await (await post('/conversations', backend, {})).json()) as { conversationId: string }).conversationId;
  await say(id, 'exchange my bottle, sara.doe@example.com');
  const res = await post(`/conversations/${id}/messages`, backend, { text: 'yes' });
  const outcome = (await res.json()) as { awaiting: string; approval: { approvalId: string } };
  expect(outcome.awaiting).toBe('approval');
  return { id, approvalId: outcome.approval.approvalId };
}
/** How many times the approved exchange ran in the conversation (its tool result lines). */
const exchangesRun = async (id: string) =>
  (await createSupportService({ graph: h.graph }).transcript(id)).filter((l) => l.role === 'tool' && l.text.includes('exchange requested')).length;
const expire = (approvalId: string) =>
  db.query(`UPDATE ${h.shop.prefix}_kit.approvals SET expires_at = $2 WHERE id = $1`, [approvalId, new Date(Date.now() - 1000).toISOString()]);

describe('HTTP API: approvals the kit settles first', { timeout: 180_000 }, () => {
  it('answers a customer writing while an approval is pending 409, naming the approval', async () => {
    const { id, approvalId } = await paused();
    const res = await say(id, 'hello?');
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code: 'FAILED_PRECONDITION', message: expect.stringContaining(`waiting for an operator's decision on approval ${approvalId}`) });
  });

  it('after the approval expires: no longer listed, and the customer is told and can go on', async () => {
    const { id, approvalId } = await paused();
    await expire(approvalId);
    expect(await listed()).not.toContain(approvalId);
    const res = await say(id, 'any news?');
    expect(res.status).toBe(200);
    expect(res.body.reply).toContain(`approval ${approvalId} expired`);
    expect(res.body.reply).toContain('NOT APPROVED: no operator decided on');
    expect(res.body.reply).not.toContain('an operator declined');
    expect(res.body.awaiting).toBe('customer');
    expect((await say(id, 'thanks')).status).toBe(200);
  });

  it("an operator deciding an expired approval resumes the conversation as not approved, and says so", async () => {
    const { id, approvalId } = await paused();
    await expire(approvalId);
    const res = await post(`/approvals/${approvalId}`, operator, { conversationId: id, decision: 'approve' });
    expect(res.status).toBe(200);
    const outcome = (await res.json()) as Outcome;
    expect(outcome.notice).toContain(`approval ${approvalId} had expired`);
    expect(outcome.reply).toContain('nothing was done');
    expect(outcome.awaiting).toBe('customer');
    expect((await say(id, 'ok')).status).toBe(200);
  });

  it('an approval resolved with the CLI first: the API resumes with the decision the kit holds', async () => {
    const { id, approvalId } = await paused();
    await h.shop.runtime.approvals.approve(approvalId, { kind: 'operator', id: 'op:cli', scopes: ['approvals:resolve'] });
    expect(await listed()).not.toContain(approvalId);
    const res = await post(`/approvals/${approvalId}`, operator, { conversationId: id, decision: 'reject' });
    expect(res.status).toBe(200);
    const outcome = (await res.json()) as Outcome;
    expect(outcome.notice).toContain(`approval ${approvalId} was already approved by op:cli`);
    expect(outcome.reply).toContain('exchange requested');
  });

  it('a rejection with the CLI reaches the customer on their next message', async () => {
    const { id, approvalId } = await paused();
    await h.shop.runtime.approvals.reject(approvalId, { kind: 'operator', id: 'op:cli', scopes: ['approvals:resolve'] }, { note: 'out of stock' });
    const res = await say(id, 'any news?');
    expect(res.status).toBe(200);
    expect(res.body.reply).toContain('out of stock');
    expect(res.body.awaiting).toBe('customer');
  });

  it('still refuses genuinely bad operator requests', async () => {
    const { id } = await paused();
    const unknown = await post('/approvals/apr_nope', operator, { conversationId: id, decision: 'approve' });
    expect(unknown.status).toBe(404);
  });

  it('resumes a paused run once when two operators decide at the same time', async () => {
    const { id, approvalId } = await paused();
    const decide = () => post(`/approvals/${approvalId}`, operator, { conversationId: id, decision: 'approve' });
    const [first, second] = await Promise.all([decide(), decide()]);
    expect([first.status, second.status].sort()).toEqual([200, 404]); // the second finds the run no longer waiting
    expect(await exchangesRun(id)).toBe(1);
  });

  it('resumes a paused run once when a decision and a customer message arrive together', async () => {
    const { id, approvalId } = await paused();
    const [decided, message] = await Promise.all([post(`/approvals/${approvalId}`, operator, { conversationId: id, decision: 'approve' }), say(id, 'any news?')]);
    expect(decided.status).toBe(200);
    expect(message.status).toBe(200); // it waited for the decision's turn, then ran on the resumed conversation
    expect(await exchangesRun(id)).toBe(1);
    const transcript = await createSupportService({ graph: h.graph }).transcript(id);
    expect(transcript.findIndex((l) => l.text === 'any news?')).toBeGreaterThan(transcript.findIndex((l) => l.role === 'tool' && l.text.includes('exchange requested')));
  });
});
