import { describe, expect, it } from 'vitest';
import { MAX_LINE_QUANTITY, normalizeLines, sameUnits } from './normalize-lines.ts';

describe('normalizeLines', () => {
  it('merges repeated variants in first-seen order', () => {
    expect(normalizeLines([{ itemId: '2', quantity: 1 }, { itemId: '1', quantity: 2 }, { itemId: '2', quantity: 3 }])).toEqual([
      { itemId: '2', quantity: 4 },
      { itemId: '1', quantity: 2 },
    ]);
  });

  it('refuses empty lines, bad ids and bad quantities with what is accepted', () => {
    expect(() => normalizeLines([])).toThrow('lines is empty');
    expect(() => normalizeLines([{ itemId: 'abc', quantity: 1 }])).toThrow('numeric strings');
    expect(() => normalizeLines([{ itemId: '1', quantity: 0 }])).toThrow('whole number of at least 1');
    expect(() => normalizeLines([{ itemId: '1', quantity: MAX_LINE_QUANTITY }, { itemId: '1', quantity: 1 }])).toThrow(`at most ${MAX_LINE_QUANTITY}`);
  });

  it('compares requests by units per variant, whatever the split', () => {
    expect(sameUnits([{ itemId: '1', quantity: 2 }], [{ itemId: '1', quantity: 1 }, { itemId: '1', quantity: 1 }])).toBe(true);
    expect(sameUnits([{ itemId: '1', quantity: 2 }], [{ itemId: '1', quantity: 2 }, { itemId: '2', quantity: 1 }])).toBe(false);
  });
});
