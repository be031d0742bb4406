import { describe, expect, it } from 'vitest';
import { calculate } from './calculate.ts';

describe('calculate (τ-bench semantics)', () => {
  it('evaluates arithmetic with precedence, parentheses, ** and //, rounded to cents', () => {
    expect(calculate('2 + 2')).toBe(4);
    expect(calculate('(53.43 - 50.88) * 2 + 10 / 4')).toBe(7.6);
    expect(calculate('2 ** 3 ** 2')).toBe(512);
    expect(calculate('-7 // 2')).toBe(-4);
    expect(calculate('1 / 3')).toBe(0.33);
  });

  it('refuses other characters, malformed expressions and division by zero', () => {
    expect(() => calculate('import os')).toThrow(/characters other than digits/);
    expect(() => calculate('2 +')).toThrow(/ends too early/);
    expect(() => calculate('(1 + 2')).toThrow(/parenthesis is not closed/);
    expect(() => calculate('1 / 0')).toThrow(/division by zero/);
  });
});
