import { describe, expect, it } from 'vitest';
import { allocate, rankWarehouses } from './allocate.ts';
import type { StockLevel, Warehouse } from './types.ts';

const warehouses: Warehouse[] = [
  { id: 'wh-west', name: 'West', region: 'west', zipPrefixes: ['9'] },
  { id: 'wh-east', name: 'East', region: 'east', zipPrefixes: ['0', '1'] },
  { id: 'wh-central', name: 'Central', region: 'central', zipPrefixes: ['6', '7'] },
];
const level = (itemId: string, warehouseId: string, available: number): StockLevel => ({ itemId, warehouseId, onHand: available, reserved: 0, available });

describe('allocate', () => {
  it('ships everything from the one warehouse that has it all', () => {
    const stock = [level('1', 'wh-east', 5), level('2', 'wh-east', 1), level('1', 'wh-west', 9)];
    const result = allocate([{ itemId: '1', quantity: 2 }, { itemId: '2', quantity: 1 }], stock, warehouses);
    expect(result).toEqual({
      lines: [{ itemId: '1', quantity: 2, warehouseId: 'wh-east' }, { itemId: '2', quantity: 1, warehouseId: 'wh-east' }],
      warehouseIds: ['wh-east'],
      split: false,
    });
  });

  it('prefers the warehouse serving the destination zip, then the lowest id', () => {
    const stock = warehouses.map((w) => level('1', w.id, 3));
    expect(allocate([{ itemId: '1', quantity: 1 }], stock, warehouses, '94107').warehouseIds).toEqual(['wh-west']);
    expect(allocate([{ itemId: '1', quantity: 1 }], stock, warehouses).warehouseIds).toEqual(['wh-central']);
    expect(rankWarehouses(warehouses, '10001').map((w) => w.id)).toEqual(['wh-east', 'wh-central', 'wh-west']);
  });

  it('splits when no single warehouse can ship everything, reusing warehouses already chosen', () => {
    const stock = [level('1', 'wh-central', 1), level('1', 'wh-east', 4), level('2', 'wh-west', 2), level('2', 'wh-east', 1)];
    const result = allocate([{ itemId: '1', quantity: 3 }, { itemId: '2', quantity: 2 }], stock, warehouses);
    expect(result.split).toBe(true);
    expect(result.lines).toEqual([
      { itemId: '1', warehouseId: 'wh-central', quantity: 1 },
      { itemId: '1', warehouseId: 'wh-east', quantity: 2 },
      { itemId: '2', warehouseId: 'wh-east', quantity: 1 },
      { itemId: '2', warehouseId: 'wh-west', quantity: 1 },
    ]);
    expect(result.warehouseIds).toEqual(['wh-central', 'wh-east', 'wh-west']);
  });

  it('is deterministic: the same input gives the same allocation', () => {
    const stock = [level('1', 'wh-west', 2), level('1', 'wh-east', 2), level('2', 'wh-central', 2)];
    const lines = [{ itemId: '1', quantity: 3 }, { itemId: '2', quantity: 1 }];
    expect(allocate(lines, stock, warehouses, '60601')).toEqual(allocate(lines, [...stock].reverse(), [...warehouses].reverse(), '60601'));
  });

  it('refuses when stock is short, naming each short variant and what is available', () => {
    const stock = [level('1', 'wh-east', 1), level('1', 'wh-west', 1)];
    expect(() => allocate([{ itemId: '1', quantity: 3 }, { itemId: '2', quantity: 1 }], stock, warehouses)).toThrow(
      'not enough stock to reserve: item 1: requested 3, available 2; item 2: requested 1, available 0',
    );
  });
});
