import { describe, expect, it } from 'vitest';
import type { CompiledSupportGraph } from '../build-graph.ts';
import type { ConversationLocks } from './conversation-lock.ts';
import { createSupportService } from './support-service.ts';

describe('the support service and its conversation locks', () => {
  it("runs each turn inside the given locks and hands the lock's abort signal to the graph run", async () => {
    const signals: unknown[] = [];
    const graph = {
      getState: async () => ({ values: { messages: [] }, tasks: [], next: [] }),
      stream: async (_input: unknown, options: { signal?: AbortSignal }) => {
        signals.push(options.signal);
        return (async function* () {})();
      },
    } as unknown as CompiledSupportGraph;
    const held: string[] = [];
    const controller = new AbortController();
    const locks: ConversationLocks = async (conversationId, fn) => {
      held.push(conversationId);
      return fn(controller.signal);
    };
    const service = createSupportService({ graph, locks });
    const { conversationId } = await service.startConversation({ principalKind: 'service' });
    expect(await service.sendMessage(conversationId, 'where is my order')).toMatchObject({ conversationId, awaiting: 'customer' });
    expect(held).toEqual([conversationId]);
    expect(signals).toEqual([controller.signal]);
  });
});
