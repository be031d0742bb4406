import { describe, expect, it } from 'vitest';
import { firstDifference } from './first-difference.ts';

describe('firstDifference', () => {
  it('ignores key order, compares numbers by value', () => {
    expect(firstDifference({ a: 1, b: [1, { c: 2.5 }] }, { b: [1, { c: 2.5 }], a: 1.0 })).toBeUndefined();
  });

  it('names the first differing path, with both sides', () => {
    expect(firstDifference({ a: { b: [1, 2] } }, { a: { b: [1, 3] } }, 'x')).toBe('x.a.b[1]: expected 2, got 3');
    expect(firstDifference({ a: 1 }, { a: 1, extra: 'y' })).toBe('extra: expected missing, got "y"');
    expect(firstDifference([1], [1, 2])).toBe('[1]: expected missing, got 2');
  });
});
