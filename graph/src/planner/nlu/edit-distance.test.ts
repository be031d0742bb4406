import { describe, expect, it } from 'vitest';
import { editDistance, fuzzyEquals } from './edit-distance.ts';
import { stem } from './stem.ts';
import { Vocabulary } from './vocabulary.ts';

describe('edit distance, stemming and typo correction', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    expect(editDistance('return', 'retrun')).toBe(1);
    expect(editDistance('kettle', 'kettles')).toBe(1);
    expect(editDistance('cancel', 'cancell')).toBe(1);
    expect(editDistance('exchange', 'exhcange')).toBe(1);
    expect(editDistance('lamp', 'chair')).toBe(4);
  });

  it('treats short words strictly and long words leniently', () => {
    expect(fuzzyEquals('mat', 'hat')).toBe(false);
    expect(fuzzyEquals('headphnes', 'headphones')).toBe(true);
  });

  it('brings inflections together', () => {
    expect(new Set(['returning', 'returned', 'returns', 'return'].map(stem)).size).toBe(1);
    expect(stem('cancelled')).toBe(stem('cancel'));
  });

  it('corrects unknown words to the nearest known one and leaves names alone', () => {
    const vocabulary = new Vocabulary();
    vocabulary.add(['cancel', 'order', 'return', 'address']);
    expect(vocabulary.correct('cancle')).toBe('cancel');
    expect(vocabulary.correct('adress')).toBe('address');
    expect(vocabulary.correct('johansson')).toBe('johansson');
  });
});
