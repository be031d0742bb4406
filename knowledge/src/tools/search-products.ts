import { z } from 'zod';
import { productFiltersSchema } from '../query/product-filters.ts';
import { productHitShape } from './output-shapes.ts';
import { tool } from './tool.ts';

export const searchProducts = tool({
  name: 'search_products',
  title: 'Search the catalog',
  description:
    'Finds product variants in the store catalog from a shopper\'s words ("wireless over-ear headphones under $300 in blue"). ' +
    'Price limits, "in stock", "in <category>", "in <color>" and "<option> <value>" (e.g. "size 10") in the query become filters; ' +
    'explicit filters override them. Tolerates typos. Answer only from the returned variants and cite them.',
  kind: 'read',
  input: {
    query: z.string().min(1).max(500).describe('what the shopper asked for, in their words'),
    ...productFiltersSchema.shape,
    limit: z.number().int().min(1).max(50).default(10).describe('how many variants to return (1-50, default 10)'),
  },
  output: {
    hits: z.array(productHitShape).describe('matching variants, best first'),
    applied_filters: productFiltersSchema.describe('the filters used: extracted from the query, merged with the explicit ones'),
    understood: z.array(z.string()).describe('what was read from the query as filters, e.g. ["price ≤ 300", "option: blue"]'),
    relaxed: z
      .array(z.string())
      .describe('attribute filters read from the query that not every hit satisfies: exact matches come first, then the closest variants without them; say so when answering'),
    searchable: z
      .boolean()
      .describe('false: the query had no searchable words (only stopwords, punctuation or symbols) and no filter, so nothing was searched and hits is empty; ask the shopper what they are looking for'),
  },
  async handler({ query, limit, ...filters }, ctx) {
    const result = await ctx.backend.products.search(query, { filters, limit });
    for (const hit of result.hits) ctx.cite({ kind: 'record', id: hit.citation.id, version: hit.citation.version });
    return { hits: result.hits, applied_filters: result.filters, understood: result.understood, relaxed: result.relaxed, searchable: result.searchable };
  },
});
