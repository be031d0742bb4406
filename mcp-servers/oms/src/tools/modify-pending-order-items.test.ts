import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@agentic-commerce/kit';
import type { Order } from '../domain/records.ts';
import type { PricedQuote } from '../ports/pricing-port.ts';
import { memoryInventory, memoryPricing } from '../testing/memory-ports.ts';
import { callTool, openOmsTestWorld, resultText, type OmsTestWorld } from '../testing/oms-test-world.ts';
import { USER_ID } from '../testing/sample-records.ts';

const sara: Principal = { kind: 'customer', id: `c:${USER_ID}`, customerId: USER_ID, scopes: ['oms:read', 'oms:write'] };
const quote = (quoteId: string): PricedQuote => ({
  quoteId,
  customerId: USER_ID,
  lines: [
    { itemId: '1000000001', productId: '9523456873', quantity: 2, unitPrice: 50.88 },
    { itemId: '2000000001', productId: '7777777777', quantity: 1, unitPrice: 10.1 },
  ],
  total: 111.86,
  expiresAt: '2999-01-01T00:00:00Z',
});

let world: OmsTestWorld;
beforeAll(async () => {
  world = await openOmsTestWorld();
}, 300_000);
afterAll(async () => world.drop());

async function placeOrder(stock: Record<string, number>, quoteId: string) {
  const inventory = memoryInventory(stock);
  const pricing = memoryPricing([quote(quoteId)], {});
  const client = await world.connect(sara, { inventory, pricing });
  const placed = await callTool(client, 'create_order', { quote_id: quoteId, payment_method_id: 'paypal_3333333' });
  expect(placed.isError, resultText(placed)).toBeFalsy();
  return { inventory, client, order: placed.structuredContent as Order };
}

describe('modify_pending_order_items', () => {
  it("moves the order's stock reservation to the new items", async () => {
    const { inventory, client, order } = await placeOrder({ '1000000001': 5, '1000000002': 4, '2000000001': 3 }, 'm1');
    expect(inventory.stock).toEqual({ '1000000001': 3, '1000000002': 4, '2000000001': 2 });
    const modified = await callTool(client, 'modify_pending_order_items', {
      order_id: order.order_id, item_ids: ['1000000001'], new_item_ids: ['1000000002'], payment_method_id: 'paypal_3333333',
    });
    expect(modified.isError, resultText(modified)).toBeFalsy();
    expect((modified.structuredContent as Order).items.map((i) => i.item_id)).toEqual(['1000000002', '1000000001', '2000000001']);
    expect(inventory.stock).toEqual({ '1000000001': 4, '1000000002': 3, '2000000001': 2 });
  });

  it('is refused, changing nothing, when the warehouse cannot cover the new items', async () => {
    const { inventory, client, order } = await placeOrder({ '1000000001': 2, '1000000002': 0, '2000000001': 1 }, 'm2');
    const before = await world.snapshot();
    const refused = await callTool(client, 'modify_pending_order_items', {
      order_id: order.order_id, item_ids: ['1000000001'], new_item_ids: ['1000000002'], payment_method_id: 'paypal_3333333',
    });
    expect(refused.isError).toBe(true);
    expect(resultText(refused)).toMatch(/only 0 units of 1000000002 in stock/);
    expect(inventory.stock).toEqual({ '1000000001': 0, '1000000002': 0, '2000000001': 0 });
    expect(await world.snapshot()).toEqual(before);
  });

  it('says when an order holding a reservation cannot be modified because the OMS has no warehouse connection', async () => {
    const { order } = await placeOrder({ '1000000001': 2, '2000000001': 1 }, 'm3');
    const before = await world.snapshot();
    const unwired = await callTool(await world.connect(sara), 'modify_pending_order_items', {
      order_id: order.order_id, item_ids: ['1000000001'], new_item_ids: ['1000000002'], payment_method_id: 'paypal_3333333',
    });
    expect(resultText(unwired)).toMatch(/^UNAVAILABLE: this OMS is not connected to the warehouse system/);
    expect(await world.snapshot()).toEqual(before);
  });
});
