import { signToken, tokenAuthenticator } from '@agentic-commerce/kit/identity/token';
import { isCommerceError, type Principal } from '@agentic-commerce/kit';
import { describe, expect, it } from 'vitest';
import { createApi } from '../api/create-api.ts';
import type { CompiledSupportGraph } from '../build-graph.ts';
import { ConversationNotFound, createSupportService } from './support-service.ts';

/** A graph with no threads: only conversation records make a conversation exist here. */
const emptyGraph = { getState: async () => ({ values: {}, tasks: [], next: [] }) } as unknown as CompiledSupportGraph;
const entries = [{ kind: 'effect', tool: 'return_delivered_order_items' }];
const secret = 'test-secret-test-secret-test-secret-0123456789';
const operator = `Bearer ${signToken(secret, { principal: { kind: 'operator', id: 'op:test', scopes: ['approvals:resolve'] } as Principal })}`;

describe('the ledger of a conversation', () => {
  it('answers the entries of an existing conversation and NOT_FOUND for one that does not exist, like the transcript', async () => {
    const service = createSupportService({ graph: emptyGraph, ledger: async () => entries });
    const { conversationId } = await service.startConversation({ principalKind: 'service' });
    expect(await service.ledger(conversationId)).toEqual(entries);
    await expect(service.ledger('conv_missing')).rejects.toBeInstanceOf(ConversationNotFound);

    const app = createApi(service, tokenAuthenticator(secret));
    const missing = await app.request('/conversations/conv_missing/ledger', { headers: { authorization: operator } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const transcript = await app.request('/conversations/conv_missing/transcript', { headers: { authorization: operator } });
    expect(transcript.status).toBe(404);
  });

  it('says the ledger cannot be read here when the service has no ledger reader, instead of an internal error', async () => {
    const service = createSupportService({ graph: emptyGraph });
    const { conversationId } = await service.startConversation({ principalKind: 'service' });
    const error = await service.ledger(conversationId).catch((e: unknown) => e);
    expect(isCommerceError(error) && error.code).toBe('UNAVAILABLE');
    expect((error as Error).message).toMatch(/no ledger reader configured/);

    const response = await createApi(service, tokenAuthenticator(secret)).request(`/conversations/${conversationId}/ledger`, { headers: { authorization: operator } });
    expect(response.status).not.toBe(500);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/no ledger reader/) });
  });
});
