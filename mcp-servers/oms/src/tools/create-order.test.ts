import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@agentic-commerce/kit';
import type { Order } from '../domain/records.ts';
import type { PricedQuote } from '../ports/pricing-port.ts';
import { memoryInventory, memoryPricing } from '../testing/memory-ports.ts';
import { callTool, openOmsTestWorld, resultText, type OmsTestWorld } from '../testing/oms-test-world.ts';
import { USER_ID } from '../testing/sample-records.ts';

const sara: Principal = { kind: 'customer', id: `c:${USER_ID}`, customerId: USER_ID, scopes: ['oms:read', 'oms:write'] };
const quote = (quoteId: string, loyaltyPoints: number): PricedQuote => ({
  quoteId,
  customerId: USER_ID,
  lines: [{ itemId: '1000000001', productId: '9523456873', quantity: 2, unitPrice: 45.5 }],
  total: 99.05,
  couponCode: 'SAVE10',
  loyaltyPoints,
  expiresAt: '2999-01-01T00:00:00Z',
});

let world: OmsTestWorld;
beforeAll(async () => {
  world = await openOmsTestWorld();
}, 300_000);
afterAll(async () => world.drop());

describe('create_order', () => {
  it('places an order from a quote: reserves stock, uses the coupon and points, charges the total; cancelling gives them back', async () => {
    const inventory = memoryInventory({ '1000000001': 5 });
    const pricing = memoryPricing([quote('q1', 100)], { [USER_ID]: 500 });
    const client = await world.connect(sara, { inventory, pricing });
    const placed = await callTool(client, 'create_order', { quote_id: 'q1', payment_method_id: 'paypal_3333333' });
    expect(placed.isError, resultText(placed)).toBeFalsy();
    const order = placed.structuredContent as Order;
    expect(order).toMatchObject({ user_id: USER_ID, status: 'pending', payment_history: [{ transaction_type: 'payment', amount: 99.05, payment_method_id: 'paypal_3333333' }] });
    expect(order.items.map((i) => i.item_id)).toEqual(['1000000001', '1000000001']);
    expect(inventory.stock['1000000001']).toBe(3);
    expect([...pricing.couponUses.values()]).toEqual(['SAVE10']);
    expect([...pricing.couponQuotes.values()]).toEqual(['q1']); // pricing can record the discount the quote gave
    expect(pricing.points[USER_ID]).toBe(400);
    const mine = await callTool(client, 'list_customer_orders', {});
    expect((mine.structuredContent as { orders: { order_id: string }[] }).orders[0]?.order_id).toBe(order.order_id);

    const cancelled = await callTool(client, 'cancel_pending_order', { order_id: order.order_id, reason: 'ordered by mistake' });
    expect(cancelled.structuredContent).toMatchObject({ status: 'cancelled' });
    expect(inventory.stock['1000000001']).toBe(5);
    expect(pricing.couponUses.size).toBe(0);
    expect(pricing.points[USER_ID]).toBe(500);
  });

  it('undoes the stock reservation and the coupon when redeeming points fails, and records no order', async () => {
    const inventory = memoryInventory({ '1000000001': 5 });
    const pricing = memoryPricing([quote('q2', 1000)], { [USER_ID]: 500 });
    const client = await world.connect(sara, { inventory, pricing });
    const before = await world.snapshot();
    const refused = await callTool(client, 'create_order', { quote_id: 'q2', payment_method_id: 'paypal_3333333' });
    expect(refused.isError).toBe(true);
    expect(resultText(refused)).toMatch(/has only 500 points/);
    expect(inventory.stock['1000000001']).toBe(5);
    expect(pricing.couponUses.size).toBe(0);
    expect(pricing.points[USER_ID]).toBe(500);
    expect(await world.snapshot()).toEqual(before);
    // The compensations are in the signed ledger with the refused call, newest step first, each with its own key.
    const rows = await world.db.query<{ kind: string; call_id: string; body: string }>(
      `SELECT kind, call_id, body FROM ${world.kitSchema}.ledger WHERE call_id = (SELECT call_id FROM ${world.kitSchema}.ledger WHERE kind = 'compensation' ORDER BY pos DESC LIMIT 1) ORDER BY pos`,
    );
    expect(rows.map((r) => r.kind)).toEqual(['intent', 'decision', 'compensation', 'compensation', 'error']);
    const undone = rows.filter((r) => r.kind === 'compensation').map((r) => (JSON.parse(r.body) as { data: Record<string, unknown> }).data);
    expect(undone).toMatchObject([{ saga: 'order.create', step: 'apply_coupon', outcome: 'ok' }, { saga: 'order.create', step: 'reserve_stock', outcome: 'ok' }]);
    expect(undone[0]!.idempotencyKey).toMatch(/:apply_coupon:compensate$/);
    expect(undone[1]!.idempotencyKey).toMatch(/:reserve_stock:compensate$/);
  });

  it("ships to the quote's ship-to by default and refuses an address the quote was not taxed for, changing nothing", async () => {
    const shipTo = { address1: '1 Oak St', city: 'Portland', state: 'OR', country: 'USA', zip: '97201' };
    const inventory = memoryInventory({ '1000000001': 5 });
    const pricing = memoryPricing([{ ...quote('q5', 0), shipTo }, { ...quote('q6', 0), shipTo }], {});
    const client = await world.connect(sara, { inventory, pricing });
    const before = await world.snapshot();
    const california = { ...shipTo, address2: '', state: 'CA', zip: '94105', city: 'San Francisco' };
    const refused = await callTool(client, 'create_order', { quote_id: 'q5', payment_method_id: 'paypal_3333333', address: california });
    expect(refused.isError).toBe(true);
    expect(resultText(refused)).toMatch(/^FAILED_PRECONDITION: quote q5 was priced \(tax and shipping\) for OR 97201; ask pricing for a new quote for this address/);
    expect(inventory.stock['1000000001']).toBe(5);
    expect(pricing.couponUses.size).toBe(0);
    expect(await world.snapshot()).toEqual(before);

    const placed = await callTool(client, 'create_order', { quote_id: 'q6', payment_method_id: 'paypal_3333333' });
    expect(placed.isError, resultText(placed)).toBeFalsy();
    expect((placed.structuredContent as Order).address).toEqual({ ...shipTo, address2: '' });
  });

  it('keeps the discount when items change: a promoted order is charged the list-price difference, never the lost discount', async () => {
    const inventory = memoryInventory({ '1000000001': 5, '1000000002': 5 });
    const promoted = { ...quote('q7', 0), lines: [{ itemId: '1000000001', productId: '9523456873', quantity: 2, unitPrice: 43.25 }], total: 86.5, couponCode: undefined };
    const client = await world.connect(sara, { inventory, pricing: memoryPricing([promoted], {}) });
    const placed = await callTool(client, 'create_order', { quote_id: 'q7', payment_method_id: 'paypal_3333333' });
    expect(placed.isError, resultText(placed)).toBeFalsy();
    const order = placed.structuredContent as Order;
    const details = await callTool(client, 'get_order_details', { order_id: order.order_id });
    expect((details.structuredContent as Order).items.map((i) => [i.price, i.list_price])).toEqual([[43.25, 50.88], [43.25, 50.88]]);
    // the same item kept (costs nothing) and one unit swapped to the 53.43 variant (pays 53.43 - 50.88)
    const modified = await callTool(client, 'modify_pending_order_items', {
      order_id: order.order_id,
      item_ids: ['1000000001', '1000000001'],
      new_item_ids: ['1000000001', '1000000002'],
      payment_method_id: 'paypal_3333333',
    });
    expect(modified.isError, resultText(modified)).toBeFalsy();
    const after = modified.structuredContent as Order;
    expect(after.payment_history.at(-1)).toEqual({ transaction_type: 'payment', amount: 2.55, payment_method_id: 'paypal_3333333' });
    // pair by pair, the first line still carrying the old id is replaced (τ-bench), so the first line is swapped
    expect(after.items.map((i) => [i.item_id, i.price, i.list_price])).toEqual([['1000000002', 45.8, 53.43], ['1000000001', 43.25, 50.88]]);
  });

  it("refuses another customer's quote like a missing one, and says when the OMS has no pricing/warehouse connection", async () => {
    const other = { ...quote('q3', 0), customerId: 'bob_ray_100' };
    const client = await world.connect(sara, { inventory: memoryInventory({}), pricing: memoryPricing([other], {}) });
    const theirs = await callTool(client, 'create_order', { quote_id: 'q3', payment_method_id: 'paypal_3333333' });
    const missing = await callTool(client, 'create_order', { quote_id: 'q4', payment_method_id: 'paypal_3333333' });
    expect(resultText(theirs).replace('q3', 'X')).toBe(resultText(missing).replace('q4', 'X'));
    const unwired = await callTool(await world.connect(sara), 'create_order', { quote_id: 'q1', payment_method_id: 'paypal_3333333' });
    expect(resultText(unwired)).toMatch(/^UNAVAILABLE: .*not connected to the pricing and warehouse systems/);
  });
});
