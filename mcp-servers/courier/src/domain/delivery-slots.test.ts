import { describe, expect, it } from 'vitest';
import { addDays, assertSlotBookable, slotsForArea } from './delivery-slots.ts';
import { shipment } from '../testing/shipment-fixture.ts';

const now = new Date('2026-05-02T10:00:00Z');

describe('delivery slots', () => {
  it('generates deterministic slots per area, day and window', () => {
    const slots = slotsForArea('100', '2026-05-02', 2, 3);
    expect(slots).toHaveLength(8);
    expect(slots[0]).toEqual({ slotId: '100-2026-05-02-0900', zipPrefix: '100', day: '2026-05-02', windowStart: '09:00', windowEnd: '12:00', capacity: 3, booked: 0 });
    expect(slots[7]?.slotId).toBe('100-2026-05-03-1800');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(() => slotsForArea('10', '2026-05-02', 1, 1)).toThrow('first 3 digits');
  });

  it('refuses another area, a window already started, and a full slot listing alternatives', () => {
    const [started, open, other] = slotsForArea('100', '2026-05-02', 1, 1);
    expect(() => assertSlotBookable(open!, shipment(), now, [])).not.toThrow();
    expect(() => assertSlotBookable(started!, shipment(), now, [])).toThrow('started at 2026-05-02T09:00:00.000Z, which is not in the future');
    const elsewhere = slotsForArea('941', '2026-05-03', 1, 1)[0]!;
    expect(() => assertSlotBookable(elsewhere, shipment(), now, [])).toThrow('is in area 941, but shipment 123456789012 is delivered in area 100');
    expect(() => assertSlotBookable({ ...open!, booked: 1 }, shipment(), now, [other!])).toThrow(
      'slot 100-2026-05-02-1200 is full (1/1 booked); available alternatives: 100-2026-05-02-1500 (2026-05-02 15:00-18:00, 1 left)',
    );
  });
});
