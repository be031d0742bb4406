import MiniSearch from 'minisearch';
import type { CatalogProduct } from '../catalog/catalog-types.ts';
import type { PolicyChunk } from '../policies/policy-library.ts';

/**
 * The comparison baseline: MiniSearch 7 over the same fields and field weights as our index, with the search
 * options its documentation recommends for search-as-you-type and typo tolerance (prefix + fuzzy 0.2). It gets the
 * raw query (MiniSearch has no query understanding) and its own tokenizer (no stemming).
 */
export function miniSearchProducts(products: readonly CatalogProduct[]): { index: MiniSearch; search: (query: string, limit: number) => string[] } {
  const index = new MiniSearch<{ id: string; name: string; category: string; values: string; names: string }>({
    fields: ['name', 'category', 'values', 'names'],
    searchOptions: { boost: { name: 5, category: 2, values: 2 }, prefix: true, fuzzy: 0.2 },
  });
  index.addAll(
    products.flatMap((p) =>
      p.variants.map((v) => ({
        id: v.variantId,
        name: p.name,
        category: `${p.category} ${p.department}`,
        values: Object.values(v.options).join(' '),
        names: Object.keys(v.options).join(' '),
      })),
    ),
  );
  return { index, search: (query, limit) => index.search(query).slice(0, limit).map((r) => String(r.id)) };
}

export function miniSearchPolicies(chunks: readonly PolicyChunk[]): (query: string, limit: number) => string[] {
  const index = new MiniSearch<{ id: string; heading: string; title: string; text: string }>({
    fields: ['heading', 'title', 'text'],
    searchOptions: { boost: { heading: 3, title: 2 }, prefix: true, fuzzy: 0.2 },
  });
  index.addAll(chunks.map((c) => ({ id: c.id, heading: c.heading, title: c.docTitle, text: c.text })));
  return (query, limit) => index.search(query).slice(0, limit).map((r) => String(r.id));
}
