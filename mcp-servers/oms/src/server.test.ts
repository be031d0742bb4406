import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolErrorOf, type Principal } from '@agentic-commerce/kit';
import { defaultTauBenchDir } from './import/tau-bench.ts';
import { BOB, BOB_ORDER, callTool as call, openOmsTestWorld, resultText as text, type OmsTestWorld } from './testing/oms-test-world.ts';
import { DELIVERED, MUG, PENDING, SHIRT, USER, USER_ID } from './testing/sample-records.ts';

let world: OmsTestWorld;
const connectOms = (principal: Principal) => world.connect(principal);
const snapshot = () => world.snapshot();
const prefix = `conv-${process.pid}-${Date.now()}`;

const service: Principal = { kind: 'service', id: 'service:test', scopes: ['oms:*'] };
const agent = (conversationId: string): Principal => ({ kind: 'agent', id: 'agent:bot', conversationId, scopes: ['oms:*'] });
const customer = (customerId: string): Principal => ({ kind: 'customer', id: `c:${customerId}`, customerId, scopes: ['oms:read', 'oms:write'] });

beforeAll(async () => {
  world = await openOmsTestWorld();
}, 300_000);
afterAll(async () => world.drop());

describe('OMS MCP server', () => {
  it('offers the 16 τ-bench tools with their argument names, plus the storefront tools', async () => {
    const { tools } = await (await connectOms(service)).listTools();
    const schemaFile = JSON.parse(readFileSync(resolve(defaultTauBenchDir(), 'tools_openai_schema.json'), 'utf8')) as { function: { name: string; parameters: { properties: object; required: string[] } } }[];
    for (const { function: f } of schemaFile) {
      const ours = tools.find((t) => t.name === f.name);
      expect(ours, f.name).toBeDefined();
      expect(Object.keys(ours?.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(Object.keys(f.parameters.properties)));
      expect(ours?.inputSchema.required ?? []).toEqual(expect.arrayContaining(f.parameters.required));
    }
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['list_customer_orders', 'get_order_status', 'create_order']));
    const cancel = tools.find((t) => t.name === 'cancel_pending_order');
    expect(cancel?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(Object.keys(cancel?.inputSchema.properties ?? {})).toContain('idempotency_key');
    expect(tools.find((t) => t.name === 'get_order_details')?.annotations).toMatchObject({ readOnlyHint: true });
  });

  it("answers another customer's order and profile exactly like missing ones", async () => {
    const client = await connectOms(agent(`${prefix}-conv-1`));
    expect((await call(client, 'find_user_id_by_email', { email: 'sara.doe@example.com' })).structuredContent).toEqual({ user_id: USER_ID });
    const own = await call(client, 'get_order_details', { order_id: PENDING.order_id });
    expect(own.structuredContent).toMatchObject({ order_id: PENDING.order_id, status: 'pending' });
    const theirs = await call(client, 'get_order_details', { order_id: BOB_ORDER.order_id });
    const missing = await call(client, 'get_order_details', { order_id: '#W0000000' });
    expect(theirs.isError).toBe(true);
    expect(text(theirs).replace(BOB_ORDER.order_id, 'X')).toBe(text(missing).replace('#W0000000', 'X'));
    const theirProfile = await call(client, 'get_user_details', { user_id: BOB });
    const noProfile = await call(client, 'get_user_details', { user_id: 'nobody_1' });
    expect(text(theirProfile).replace(BOB, 'X')).toBe(text(noProfile).replace('nobody_1', 'X'));
    const theirCancel = await call(client, 'cancel_pending_order', { order_id: BOB_ORDER.order_id, reason: 'no longer needed' });
    expect(toolErrorOf(theirCancel as Parameters<typeof toolErrorOf>[0])?.code).toBe('NOT_FOUND');
  });

  it('lets a customer principal see only their own orders', async () => {
    const client = await connectOms(customer(BOB));
    const mine = await call(client, 'list_customer_orders', {});
    expect(mine.structuredContent).toMatchObject({ user_id: BOB, orders: [{ order_id: BOB_ORDER.order_id, status: 'pending', item_count: 3 }] });
    const other = await call(client, 'list_customer_orders', { user_id: USER_ID });
    expect(other.isError).toBe(true);
    expect(text(other)).toMatch(/NOT_FOUND/);
  });

  it('refuses bad calls with actionable errors and changes nothing', async () => {
    const client = await connectOms(service);
    const before = await snapshot();
    const refusals = [
      await call(client, 'cancel_pending_order', { order_id: DELIVERED.order_id, reason: 'no longer needed' }),
      await call(client, 'cancel_pending_order', { order_id: PENDING.order_id, reason: 'too expensive' }),
      await call(client, 'modify_pending_order_items', { order_id: PENDING.order_id, item_ids: ['1000000001'], new_item_ids: ['1000000003'], payment_method_id: 'paypal_3333333' }),
      await call(client, 'modify_pending_order_payment', { order_id: BOB_ORDER.order_id, payment_method_id: 'paypal_3333333' }),
      await call(client, 'return_delivered_order_items', { order_id: DELIVERED.order_id, item_ids: ['1000000002'], payment_method_id: 'paypal_3333333' }),
      await call(client, 'exchange_delivered_order_items', { order_id: DELIVERED.order_id, item_ids: ['9'], new_item_ids: ['1000000001'], payment_method_id: 'paypal_3333333' }),
    ];
    for (const r of refusals) expect(r.isError, text(r)).toBe(true);
    expect(text(refusals[0]!)).toMatch(/'delivered'/);
    expect(text(refusals[2]!)).toMatch(/not an available variant/);
    expect(text(refusals[4]!)).toMatch(/original payment method \(credit_card_1111111\) or to a gift card/);
    expect(await snapshot()).toEqual(before);
  });

  it('cancels a pending order over MCP, crediting the gift card at once', async () => {
    const client = await connectOms(service);
    const result = await call(client, 'cancel_pending_order', { order_id: PENDING.order_id, reason: 'ordered by mistake' });
    expect(result.structuredContent).toMatchObject({ status: 'cancelled', cancel_reason: 'ordered by mistake' });
    const profile = await call(client, 'get_user_details', { user_id: USER_ID });
    expect((profile.structuredContent as typeof USER).payment_methods.gift_card_2222222?.balance).toBe(131.86);
    const status = await call(client, 'get_order_status', { order_id: DELIVERED.order_id });
    expect(status.structuredContent).toMatchObject({ status: 'delivered', allowed_actions: ['return_delivered_order_items', 'exchange_delivered_order_items'] });
  });

  it('answers the stateless benchmark tools', async () => {
    const client = await connectOms(service);
    expect((await call(client, 'calculate', { expression: '(53.43 - 50.88) * 2' })).structuredContent).toEqual({ result: 5.1 });
    expect((await call(client, 'list_all_product_types')).structuredContent).toEqual({ product_types: { Mug: MUG.product_id, 'T-Shirt': SHIRT.product_id } });
    expect((await call(client, 'transfer_to_human_agents', { summary: 'wants a refund to a new card' })).structuredContent).toEqual({ transferred: true, summary: 'wants a refund to a new card' });
  });

  it('answers a retried return from its first result although the order is no longer returnable, and refuses the key for other items', async () => {
    const client = await connectOms(service);
    const args = { order_id: DELIVERED.order_id, item_ids: ['1000000002'], payment_method_id: 'credit_card_1111111', idempotency_key: 'return-once-1' };
    const first = await call(client, 'return_delivered_order_items', args);
    expect(first.structuredContent).toMatchObject({ status: 'return requested' });
    const before = await snapshot();
    // The order is now "return requested": assessing the retry alone would refuse it; the key's result answers it.
    const retry = await call(client, 'return_delivered_order_items', args);
    expect(retry.isError).toBeFalsy();
    expect(retry.structuredContent).toEqual(first.structuredContent);
    const other = await call(client, 'return_delivered_order_items', { ...args, item_ids: ['2000000002'] });
    expect(toolErrorOf(other)).toMatchObject({ code: 'CONFLICT' });
    // Without the key, the same request is a new one, and the order's state refuses it.
    const fresh = await call(client, 'return_delivered_order_items', { ...args, idempotency_key: 'return-once-2' });
    expect(toolErrorOf(fresh)?.code).toMatch(/FAILED_PRECONDITION|POLICY_DENIED/);
    expect(await snapshot()).toEqual(before);
  });
});
