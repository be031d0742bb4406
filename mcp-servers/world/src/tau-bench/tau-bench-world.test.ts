import { readTauBenchData } from '@agentic-commerce/oms';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderBatch } from '../world-content.ts';
import type { TauBenchData } from './tau-bench-records.ts';
import { tauBenchWorld } from './tau-bench-world.ts';

const asOf = new Date('2026-06-01T00:00:00.000Z');
const DAY = 86_400_000;

describe('tauBenchWorld', () => {
  let data: TauBenchData;
  let batch: OrderBatch;
  beforeAll(async () => {
    data = await readTauBenchData();
    batch = [...tauBenchWorld(data, { asOf }).orderBatches(10_000)][0]!;
  });

  it('keeps every τ-bench record, in the order the OMS import loads them', () => {
    const world = tauBenchWorld(data, { asOf });
    expect(world.customers.map((c) => c.userId)).toEqual(Object.keys(data.users));
    expect(world.products).toEqual(Object.values(data.products));
    expect(batch.orders).toHaveLength(Object.keys(data.orders).length);
    const firstUser = Object.values(data.users)[0]!;
    expect(batch.orders.slice(0, firstUser.orders.length).map((o) => o.order_id)).toEqual(firstUser.orders);
  });

  it('tracks every tracking id once, to the state its order status implies', () => {
    const lastEvent = new Map(batch.stories.flatMap((s) => s.shipments.map((p) => [p.trackingId, p.events.at(-1)!] as const)));
    const trackingIds = batch.orders.flatMap((o) => o.fulfillments.flatMap((f) => f.tracking_id));
    expect(lastEvent.size).toBe(trackingIds.length);
    const expected: Record<string, string> = { delivered: 'delivered', processed: 'in_transit', cancelled: 'returned' };
    for (const order of batch.orders) {
      for (const id of order.fulfillments.flatMap((f) => f.tracking_id)) expect(lastEvent.get(id)?.type, order.order_id).toBe(expected[order.status]);
    }
    const deliveredAt = [...lastEvent.values()].filter((e) => e.type === 'delivered').map((e) => Date.parse(e.at));
    expect(Math.min(...deliveredAt)).toBeGreaterThan(asOf.getTime() - 30 * DAY);
    expect(Math.max(...deliveredAt)).toBeLessThanOrEqual(asOf.getTime());
  });

  it('holds each pending order\'s units in warehouses that carry them, and derives stock that covers them', () => {
    const world = tauBenchWorld(data, { asOf });
    const stock = new Map(world.stock().map((l) => [`${l.itemId}/${l.warehouseId}`, l.onHand]));
    for (const [i, order] of batch.orders.entries()) {
      const held = batch.stories[i]!.reservations;
      expect(held.map((r) => r.itemId).sort()).toEqual(order.status === 'pending' ? order.items.map((item) => item.item_id).sort() : []);
      for (const r of held) expect(stock.get(`${r.itemId}/${r.warehouseId}`)).toBeGreaterThanOrEqual(r.quantity);
    }
  });

  it('is the same world for the same asOf', () => {
    const again = [...tauBenchWorld(data, { asOf }).orderBatches(250)].flatMap((b) => b.stories);
    expect(again).toEqual(batch.stories);
    expect(tauBenchWorld(data, { asOf }).stock()).toEqual(tauBenchWorld(data, { asOf }).stock());
  });
});
