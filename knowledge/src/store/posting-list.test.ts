import { describe, expect, it } from 'vitest';
import { PostingList } from './posting-list.ts';

describe('PostingList', () => {
  it('grows past its initial capacity and removes by slot', () => {
    const list = new PostingList();
    for (let slot = 0; slot < 10; slot++) list.add(slot, slot / 10);
    list.remove(3);
    list.remove(42);
    const entries = Array.from({ length: list.size }, (_, i) => [list.slots[i], list.values[i]]);
    expect(entries).toHaveLength(9);
    expect(entries.map(([slot]) => slot).sort((a, b) => (a as number) - (b as number))).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    expect(entries.find(([slot]) => slot === 9)?.[1]).toBeCloseTo(0.9, 12);
  });
});
