import { describe, expect, it } from 'vitest';
import { CITIES } from './people.ts';
import { warehouses } from './warehouses.ts';

describe('warehouses', () => {
  it.each([1, 3, 4, 8, 11])('%i warehouses together serve every customer city', (count) => {
    const list = warehouses(count);
    expect(list.map((w) => w.id)).toEqual(Array.from({ length: count }, (_, i) => `wh_${String(i + 1).padStart(2, '0')}`));
    const served = new Set(list.flatMap((w) => w.zipPrefixes));
    for (const city of CITIES) expect(served.has(city.zip), city.city).toBe(true);
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => warehouses(0)).toThrow(/positive integer/);
  });
});
