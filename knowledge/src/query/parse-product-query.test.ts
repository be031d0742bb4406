import { describe, expect, it } from 'vitest';
import { parseProductQuery, type Facets } from './parse-product-query.ts';
import { toStoreFilter } from './product-filters.ts';

const facets: Facets = {
  categories: ['Audio', 'Footwear'],
  departments: ['Electronics'],
  options: {
    color: ['black', 'blue', 'space grey', 'grey'],
    type: ['over-ear', 'on-ear', 'in-ear'],
    connectivity: ['wired', 'wireless'],
    size: ['10', 'M'],
    storage: ['128GB'],
    capacity: ['500ml'],
  },
};

describe('parseProductQuery', () => {
  it('extracts price, colour and keeps the rest as ranking text', () => {
    const parsed = parseProductQuery('wireless over-ear headphones under $300 in blue', facets);
    expect(parsed.filters).toEqual({ price_max: 300, option_values: ['blue'] });
    expect(parsed.text).toBe('wireless over-ear headphones in blue');
    expect(parsed.understood).toEqual(['price ≤ 300', 'option: blue']);
  });

  it('reads ranges, minimums and stock', () => {
    expect(parseProductQuery('speaker between $50 and $80', facets).filters).toEqual({ price_min: 50, price_max: 80 });
    expect(parseProductQuery('boots $20-$40', facets).filters).toEqual({ price_min: 20, price_max: 40 });
    expect(parseProductQuery('laptop over $1000 in stock', facets).filters).toEqual({ price_min: 1000, in_stock: true });
    expect(parseProductQuery('earbuds under 250 dollars', facets).filters).toEqual({ price_max: 250 });
  });

  it('does not read a measured attribute as a price', () => {
    expect(parseProductQuery('dumbbells under 25 lbs', facets).filters).toEqual({});
    expect(parseProductQuery('bottle up to 500ml', facets).filters).toEqual({});
    expect(parseProductQuery('over-ear headphones', facets).filters).toEqual({});
  });

  it('extracts named options, multi-word values first, and categories after "in"', () => {
    expect(parseProductQuery('phone storage 128GB color space grey', facets).filters).toEqual({ options: { color: ['space grey'], storage: ['128GB'] } });
    expect(parseProductQuery('running shoes size 10', facets).filters).toEqual({ options: { size: ['10'] } });
    expect(parseProductQuery('something wireless in audio', facets).filters).toEqual({ category: 'Audio' });
  });

  it('leaves unnamed attribute words to ranking', () => {
    expect(parseProductQuery('black wireless earbuds', facets).filters).toEqual({});
  });
});

describe('toStoreFilter', () => {
  it('maps filters onto indexed payload fields', () => {
    expect(toStoreFilter({ category: 'Audio', price_max: 300, in_stock: true, options: { color: ['Blue'] }, option_values: ['Wireless'] })).toEqual({
      must: [
        { key: 'category_key', match: 'audio' },
        { key: 'price', range: { gte: undefined, lte: 300 } },
        { key: 'available', match: true },
        { key: 'option_tags', any: ['color:blue'] },
        { key: 'option_values', match: 'wireless' },
      ],
    });
    expect(toStoreFilter({})).toBeUndefined();
  });
});
