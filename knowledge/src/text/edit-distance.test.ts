import { describe, expect, it } from 'vitest';
import { editDistance } from './edit-distance.ts';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions as one edit', () => {
    expect(editDistance('headphon', 'headphn', 2)).toBe(1);
    expect(editDistance('kettle', 'ketle', 2)).toBe(1);
    expect(editDistance('laptop', 'lpatop', 2)).toBe(1);
    expect(editDistance('camera', 'camara', 2)).toBe(1);
  });

  it('stops at the bound', () => {
    expect(editDistance('keyboard', 'umbrella', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});
