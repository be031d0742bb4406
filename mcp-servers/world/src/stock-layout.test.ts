import { describe, expect, it } from 'vitest';
import { createPrng } from './generator/prng.ts';
import { allocateLines, stockLevels, tallyReservations } from './stock-layout.ts';

describe('stock layout', () => {
  const layout = new Map([
    ['a', ['wh_01', 'wh_02']],
    ['b', ['wh_02']],
    ['c', ['wh_02', 'wh_03']],
    ['d', ['wh_03']],
  ]);

  it('serves an order from as few warehouses as the layout allows, keeping line order', () => {
    expect(allocateLines(createPrng(1), layout, ['a', 'b', 'c'])).toEqual([
      { itemId: 'a', warehouseId: 'wh_02' },
      { itemId: 'b', warehouseId: 'wh_02' },
      { itemId: 'c', warehouseId: 'wh_02' },
    ]);
    expect(new Set(allocateLines(createPrng(1), layout, ['b', 'd']).map((l) => l.warehouseId))).toEqual(new Set(['wh_02', 'wh_03']));
    expect(() => allocateLines(createPrng(1), layout, ['zz'])).toThrow('item zz is not in the catalog');
  });

  it('gives available variants free units on top of what is reserved, and unavailable ones only the reserved units', () => {
    const reserved = tallyReservations([
      { orderId: '#W1', itemId: 'b', warehouseId: 'wh_02', quantity: 2 },
      { orderId: '#W2', itemId: 'd', warehouseId: 'wh_03', quantity: 1 },
    ]);
    const levels = new Map(stockLevels(createPrng(2), layout, (item) => item !== 'd', reserved).map((l) => [`${l.itemId}/${l.warehouseId}`, l.onHand]));
    expect(levels.get('b/wh_02')).toBeGreaterThan(2);
    expect(levels.get('d/wh_03')).toBe(1);
    expect(levels.get('a/wh_01')).toBeGreaterThan(0);
  });
});
