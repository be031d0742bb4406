import { describe, expect, it } from 'vitest';
import { analyze, tokenize } from './analyzer.ts';

describe('tokenize', () => {
  it('keeps compounds findable by both spellings', () => {
    expect(tokenize('T-Shirt')).toEqual(['t', 'shirt', 'tshirt']);
    expect(tokenize('Wi-Fi + Cellular')).toEqual(['wi', 'fi', 'wifi', 'cellular']);
  });

  it('splits mixed words and joins a number with its unit', () => {
    expect(tokenize('1000ml')).toEqual(['1000ml', '1000', 'ml']);
    expect(tokenize('1000 ml bottle')).toEqual(['1000', 'ml', 'bottle', '1000ml']);
  });

  it('folds case and diacritics', () => {
    expect(tokenize('Café CRÈME')).toEqual(['cafe', 'creme']);
  });
});

describe('analyze', () => {
  it('stems with Porter and drops stopwords, keeping size letters', () => {
    expect(analyze('Running shoes for the trails')).toEqual(['run', 'shoe', 'trail']);
    expect(analyze('size M')).toEqual(['size', 'm']);
  });

  it('maps inflections to one term', () => {
    expect(analyze('headphones')).toEqual(analyze('headphone'));
    expect(analyze('returns')).toEqual(analyze('returned'));
  });
});
