import { describe, expect, it } from 'vitest';
import { MAX_ORDERS, worldIds } from './world-ids.ts';

describe('world ids', () => {
  it('gives every order and parcel a distinct, well-formed id', () => {
    const ids = worldIds(42);
    const orders = new Set<string>();
    const tracking = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      orders.add(ids.orderId(i));
      for (let p = 0; p < 5; p++) tracking.add(ids.trackingId(i, p));
    }
    expect(orders.size).toBe(20_000);
    expect(tracking.size).toBe(100_000);
    expect([...orders].filter((id) => !/^#W\d{7}$/.test(id))).toEqual([]);
    expect([...tracking].filter((id) => !/^\d{12}$/.test(id))).toEqual([]);
  });

  it('depends on the seed and refuses indexes beyond the id space', () => {
    expect(worldIds(1).orderId(0)).not.toBe(worldIds(2).orderId(0));
    expect(() => worldIds(1).orderId(MAX_ORDERS)).toThrow(/outside/);
    expect(() => worldIds(1).trackingId(0, 5)).toThrow(/parcel 5/);
  });
});
