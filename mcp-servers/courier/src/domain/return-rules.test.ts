import { describe, expect, it } from 'vitest';
import { assertPickupDay, carrierReference, labelItems } from './return-rules.ts';
import { shipment } from '../testing/shipment-fixture.ts';

const now = new Date('2026-05-02T22:00:00Z');

describe('return rules', () => {
  it('books pickups from tomorrow up to 14 days ahead', () => {
    expect(() => assertPickupDay('2026-05-03', now)).not.toThrow();
    expect(() => assertPickupDay('2026-05-16', now)).not.toThrow();
    expect(() => assertPickupDay('2026-05-02', now)).toThrow('choose a day from 2026-05-03 (tomorrow) to 2026-05-16');
    expect(() => assertPickupDay('2026-05-17', now)).toThrow('to 2026-05-16 (14 days ahead)');
    expect(() => assertPickupDay('2026-02-30', now)).toThrow('day "2026-02-30" is invalid');
  });

  it('labels only items of the parcel', () => {
    expect(labelItems(shipment(), ['2', '1', '2'])).toEqual(['1', '2']);
    expect(() => labelItems(shipment(), ['1', '9'])).toThrow('item 9 is not in shipment 123456789012; its items are 1, 2');
    expect(() => labelItems(shipment(), [])).toThrow('item_ids is empty');
  });

  it('derives a stable carrier reference', () => {
    expect(carrierReference('RL00000001', '1')).toBe(carrierReference('RL00000001', '1'));
    expect(carrierReference('RL00000001', '1')).toMatch(/^1ZR\d{12}$/);
    expect(carrierReference('RL00000002', '1')).not.toBe(carrierReference('RL00000001', '1'));
  });
});
