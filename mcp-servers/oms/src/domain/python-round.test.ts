import { describe, expect, it } from 'vitest';
import { roundCents } from './python-round.ts';

describe('roundCents (Python round(x, 2))', () => {
  it('rounds the exact binary value, like Python', () => {
    // Python: round(2.675, 2) == 2.67 (2.675 is stored as 2.67499999...), round(1.005, 2) == 1.0
    expect(roundCents(2.675)).toBe(2.67);
    expect(roundCents(1.005)).toBe(1);
    expect(roundCents(0.1 + 0.2)).toBe(0.3);
    expect(roundCents(-12.3449)).toBe(-12.34);
  });

  it('breaks exact ties to even, like Python', () => {
    // Python: round(0.125, 2) == 0.12, round(0.375, 2) == 0.38, round(-0.125, 2) == -0.12, round(2.5, 0)-style ties
    expect(roundCents(0.125)).toBe(0.12);
    expect(roundCents(0.375)).toBe(0.38);
    expect(roundCents(-0.125)).toBe(-0.12);
    expect(roundCents(10.625)).toBe(10.62);
  });

  it('keeps whole numbers and cents unchanged', () => {
    expect(roundCents(51)).toBe(51);
    expect(roundCents(536.65)).toBe(536.65);
  });
});
