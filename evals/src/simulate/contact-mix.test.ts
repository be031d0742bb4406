import { describe, expect, it } from 'vitest';
import { generateContacts } from './contact-mix.ts';
import type { SimWorld } from './contact-types.ts';

const world: SimWorld = {
  customers: [{ id: 'u1', email: 'u1@example.com', name: 'U One', zip: '10001', paymentMethodIds: ['credit_card_1'] }],
  orders: [
    { id: '#W0000001', customerId: 'u1', status: 'delivered', items: [{ itemId: '1', description: 'blue t-shirt' }], paymentMethodId: 'credit_card_1', trackingIds: ['t1'] },
    { id: '#W0000002', customerId: 'u1', status: 'pending', items: [{ itemId: '2', description: 'black lamp' }], paymentMethodId: 'credit_card_1', trackingIds: [] },
  ],
  shipments: [{ trackingId: 't1', orderId: '#W0000001', customerId: 'u1', status: 'failed_attempt', failedAttempts: 1 }],
};

describe('generateContacts', () => {
  it('is deterministic for a seed and only uses orders an intent applies to', () => {
    const a = generateContacts(world, 200, 42);
    expect(generateContacts(world, 200, 42)).toEqual(a);
    expect(a).toHaveLength(200);
    for (const c of a) {
      if (c.intent === 'cancel_order' || c.intent === 'change_address') expect(c.orderId).toBe('#W0000002');
      if (c.intent === 'return_item' || c.intent === 'exchange_item') expect(c.orderId).toBe('#W0000001');
    }
  });

  it('turns courier exceptions into proactive failed-delivery contacts', () => {
    const contacts = generateContacts(world, 20, 1);
    expect(contacts.filter((c) => c.fromDeliveryException)).toEqual([expect.objectContaining({ intent: 'failed_delivery', trackingId: 't1' })]);
  });

  it('raises no failed-delivery contact for a parcel delivered (or returned) after its missed attempt', () => {
    const recovered: SimWorld = {
      ...world,
      shipments: [
        { trackingId: 't1', orderId: '#W0000001', customerId: 'u1', status: 'delivered', failedAttempts: 1 },
        { trackingId: 't2', orderId: '#W0000001', customerId: 'u1', status: 'returned', failedAttempts: 2 },
      ],
    };
    expect(generateContacts(recovered, 20, 1).filter((c) => c.intent === 'failed_delivery')).toEqual([]);
  });

  it('spreads courier exceptions over the day instead of front-loading them', () => {
    const many: SimWorld = {
      ...world,
      shipments: Array.from({ length: 40 }, (_, i) => ({ trackingId: 't1', orderId: '#W0000001', customerId: 'u1', status: 'failed_attempt', failedAttempts: 1 + i })),
    };
    const contacts = generateContacts(many, 400, 3);
    const exceptionsFirstTenth = contacts.slice(0, 40).filter((c) => c.fromDeliveryException).length;
    expect(contacts.filter((c) => c.fromDeliveryException)).toHaveLength(40);
    expect(exceptionsFirstTenth).toBeLessThan(20);
  });

  it('counts a return as low-risk only when the order was delivered within the 30-day window', () => {
    const asOf = new Date('2026-06-01T12:00:00Z');
    const delivered = (id: string, daysAgo: number) => ({ ...world.orders[0]!, id, deliveredAt: new Date(asOf.getTime() - daysAgo * 86_400_000).toISOString() });
    const dated: SimWorld = { ...world, asOf, orders: [delivered('#W0000010', 10), delivered('#W0000040', 40)], shipments: [] };
    const returns = generateContacts(dated, 200, 3, { return_item: 1 }).filter((c) => c.intent === 'return_item');
    expect(returns.length).toBeGreaterThan(20);
    for (const c of returns) expect(c.lowRiskReturn).toBe(c.orderId === '#W0000010');
    expect(new Set(returns.map((c) => c.lowRiskReturn))).toEqual(new Set([true, false]));
  });

  it('follows the intent mix roughly', () => {
    const contacts = generateContacts(world, 2000, 7);
    const tracking = contacts.filter((c) => c.intent === 'track_order').length / contacts.length;
    expect(tracking).toBeGreaterThan(0.25);
    expect(tracking).toBeLessThan(0.4);
  });
});
