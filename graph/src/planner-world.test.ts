import { HumanMessage } from '@langchain/core/messages';
import { MemorySaver } from '@langchain/langgraph';
import { dropPrefixedSchemas, sharedPglite, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { createReferenceWorld, type ReferenceWorld } from '@agentic-commerce/world';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSupportGraph } from './build-graph.ts';
import { inMemoryConnector } from './mcp/mcp-connector.ts';
import { toolboxCache } from './mcp/toolbox-cache.ts';
import { createDeterministicPlanner } from './planner/index.ts';
import { createSupportService } from './service/support-service.ts';

// End to end with the embedded planner and the reference world (τ-bench retail on the kit action layer).
const prefix = uniquePrefix();
let world: ReferenceWorld;
let service: ReturnType<typeof createSupportService>;
let toolboxes: ReturnType<typeof toolboxCache>;

beforeAll(async () => {
  const db = await sharedPglite();
  world = await createReferenceWorld({ db, prefix, source: { kind: 'tau-bench' } });
  toolboxes = toolboxCache(inMemoryConnector(world.servers));
  const graph = buildSupportGraph({ model: createDeterministicPlanner(), toolboxes }).compile({ checkpointer: new MemorySaver() });
  service = createSupportService({ graph, approvals: world.runtime.approvals, ledger: (id) => world.runtime.ledger.find(db, { conversationId: id }) });
}, 180_000);

afterAll(async () => {
  await toolboxes.close();
  await dropPrefixedSchemas(await sharedPglite(), prefix);
});

describe('support graph with the embedded planner on the reference world', { timeout: 180_000 }, () => {
  it('runs a return from the first message to the signed ledger entry', async () => {
    const { conversationId } = await service.startConversation();
    const first = await service.sendMessage(conversationId, 'I want to return an item, my email is noah.brown7922@example.com');
    expect(first.events.map((e) => (e.type === 'tool_call' ? e.tool : undefined)).filter(Boolean)).toEqual(['find_user_id_by_email', 'get_user_details', 'get_order_details', 'get_order_status']);
    const asked = await service.sendMessage(conversationId, 'the backpack, refund to my paypal');
    expect(asked.awaiting).toBe('confirmation');
    expect(asked.reply).toContain('Refund $205.35 to paypal_5727330');
    expect(await service.ledger(conversationId)).toEqual([]);

    const done = await service.sendMessage(conversationId, 'yes');
    expect(done.reply).toMatch(/return requested/);
    const entries = (await service.ledger(conversationId)) as { kind: string; tool?: string; orderId?: string; customerId?: string }[];
    expect(entries.filter((e) => e.kind === 'result')).toEqual([
      expect.objectContaining({ tool: 'return_delivered_order_items', orderId: '#W7678072', customerId: 'noah_brown_6181' }),
    ]);
  });

  it("refuses another customer's order after authentication, changing nothing", async () => {
    const { conversationId } = await service.startConversation();
    await service.sendMessage(conversationId, 'I want to cancel an order, my email is noah.brown7922@example.com');
    const other = await service.sendMessage(conversationId, 'cancel order #W5918442 please, I ordered by mistake');
    const results = other.events.filter((e) => e.type === 'tool_result' && e.tool === 'get_order_details');
    for (const r of results) expect(r.type === 'tool_result' && r.ok).toBe(false);
    expect(other.awaiting).not.toBe('confirmation');
    const snapshot = await world.snapshot();
    expect(snapshot.oms.orders['#W5918442']?.status).toBe('pending');
    expect(((await service.ledger(conversationId)) as { kind: string }[]).filter((e) => e.kind === 'result')).toEqual([]);
  });
});
