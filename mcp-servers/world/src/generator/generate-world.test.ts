import { describe, expect, it } from 'vitest';
import type { OrderBatch } from '../world-content.ts';
import { generateWorld } from './generate-world.ts';

const asOf = new Date('2026-06-01T00:00:00.000Z');
const scale = { customers: 300, orders: 2000, products: 60, warehouses: 4, days: 60, asOf };

function allOrders(batches: Iterable<OrderBatch>): OrderBatch {
  const all: OrderBatch = { orders: [], stories: [] };
  for (const batch of batches) {
    all.orders.push(...batch.orders);
    all.stories.push(...batch.stories);
  }
  return all;
}

describe('generateWorld', () => {
  const world = generateWorld({ seed: 42, ...scale });
  const { orders, stories } = allOrders(world.orderBatches(500));

  it('draws the same world from the same seed, whatever the batch size', () => {
    const again = generateWorld({ seed: 42, ...scale });
    expect(again.customers).toEqual(world.customers);
    expect(again.products).toEqual(world.products);
    expect(again.terms).toEqual(world.terms);
    expect(again.stock()).toEqual(world.stock());
    expect(allOrders(again.orderBatches(37))).toEqual({ orders, stories });
  });

  it('draws a different world from another seed', () => {
    const other = generateWorld({ seed: 43, ...scale });
    expect(other.customers.map((c) => c.userId)).not.toEqual(world.customers.map((c) => c.userId));
    expect(allOrders(other.orderBatches(500)).orders[0]).not.toEqual(orders[0]);
  });

  it('has the requested scale, unique ids and customers whose order lists hold their orders oldest first', () => {
    expect(world.customers).toHaveLength(300);
    expect(world.products).toHaveLength(60);
    expect(world.warehouses).toHaveLength(4);
    expect(orders).toHaveLength(2000);
    expect(new Set(orders.map((o) => o.order_id)).size).toBe(2000);
    const listed = world.customers.flatMap((c) => c.user.orders.map((id) => [id, c.userId] as const));
    expect(new Map(listed)).toEqual(new Map(orders.map((o) => [o.order_id, o.user_id])));
    const placed = new Map(stories.map((s) => [s.orderId, s.placedAt]));
    for (const { user } of world.customers) {
      const times = user.orders.map((id) => placed.get(id)!);
      expect(times).toEqual([...times].sort());
    }
  });

  it('keeps every timestamp at or before asOf and every order line at its catalog price', () => {
    const prices = new Map(world.products.flatMap((p) => Object.values(p.variants).map((v) => [v.item_id, v.price])));
    const now = asOf.toISOString();
    expect(orders.flatMap((o) => o.items.filter((i) => i.price !== prices.get(i.item_id)))).toEqual([]);
    expect(stories.filter((s) => s.placedAt > now)).toEqual([]);
    expect(stories.flatMap((s) => s.shipments.flatMap((p) => p.events.filter((e) => e.at > now || e.at < s.placedAt)))).toEqual([]);
  });

  it('includes the awkward cases real stores have', () => {
    const variants = world.products.flatMap((p) => Object.values(p.variants));
    const parcelsOf = (id: string) => stories.find((s) => s.orderId === id)!.shipments;
    const eventTypes = stories.flatMap((s) => s.shipments.map((p) => p.events.map((e) => e.type)));
    const giftCards = world.customers.flatMap((c) => Object.values(c.user.payment_methods).filter((m) => m.source === 'gift_card'));
    const cases = {
      partialFulfillment: orders.filter((o) => o.status === 'processed' && o.fulfillments.flatMap((f) => f.item_ids).length < o.items.length).length,
      splitShipment: orders.filter((o) => parcelsOf(o.order_id).length > 1).length,
      failedThenDelivered: eventTypes.filter((t) => t.includes('failed_attempt') && t.at(-1) === 'delivered').length,
      stuckAfterFailedAttempt: eventTypes.filter((t) => t.at(-1) === 'failed_attempt').length,
      outOfStockVariants: variants.filter((v) => !v.available).length,
      lowBalanceGiftCards: giftCards.filter((g) => (g.balance ?? 0) < 15).length,
      expiredPromotions: world.terms.promotions.filter((p) => p.endsAt !== undefined && p.endsAt < asOf.toISOString()).length,
      expiredCoupons: world.terms.coupons.filter((c) => c.endsAt !== undefined && c.endsAt < asOf.toISOString()).length,
      returns: orders.filter((o) => o.status === 'return requested').length,
      exchanges: orders.filter((o) => o.status === 'exchange requested').length,
      cancellations: orders.filter((o) => o.status === 'cancelled').length,
      pending: orders.filter((o) => o.status === 'pending').length,
    };
    for (const [name, count] of Object.entries(cases)) expect(count, name).toBeGreaterThan(0);
  });

  it('refuses bad options, naming the field and what it accepts', () => {
    expect(() => generateWorld({ orders: -1 })).toThrow('orders must be at least 0');
    expect(() => generateWorld({ customers: 1.5 })).toThrow('customers must be a whole number between 1 and 5000000');
    expect(() => generateWorld({ warehouses: 0, days: 0 })).toThrow(/warehouses must be at least 1; days must be at least 1/);
  });
});
