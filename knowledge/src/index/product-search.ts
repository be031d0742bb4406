import type { EmbeddingProvider } from '../embeddings/embedding-provider.ts';
import type { ProductQueryParser } from '../query/parse-product-query.ts';
import { mergeFilters, toStoreFilter, type ProductFilters } from '../query/product-filters.ts';
import type { SparseEncoder } from '../sparse/sparse-encoder.ts';
import { analyze } from '../text/analyzer.ts';
import type { VectorStore } from '../store/vector-store.ts';
import { assertDenseSize, type IndexMetadata } from './index-metadata.ts';
import { hitFromPayload, PRODUCTS_COLLECTION, type ProductHit } from './product-documents.ts';

export interface ProductSearchResult {
  hits: ProductHit[];
  /** Filters applied: those extracted from the query merged with the explicit ones. */
  filters: ProductFilters;
  understood: string[];
  /** Attribute filters read from the query that the hits after the exact matches do not satisfy (empty: all do). */
  relaxed: string[];
  /**
   * False when the query had no searchable words (only stopwords, punctuation or symbols) and no filter was set or
   * read from it: there is then nothing to rank or list by, and `hits` is empty.
   */
  searchable: boolean;
}

/** Filters read from the words that rank rather than exclude (see searchVariants). */
const SOFT_KEYS = ['options', 'option_values', 'category'] as const;
type SoftKey = (typeof SOFT_KEYS)[number];

export interface ProductSearchOptions {
  filters?: ProductFilters;
  limit?: number;
  /** false: no filter extraction; the query as typed is the ranking text (for ablations). */
  understand?: boolean;
}

/**
 * Searches the catalog's variants. Price and stock read from the query, and every explicit filter, are hard
 * constraints. Attribute filters read from the words ("in blue", "size 10", "in Audio") rank exact matches first: when
 * fewer than `limit` variants satisfy them, the closest variants without them follow (listed in `relaxed`).
 */
export async function searchVariants(
  deps: { store: VectorStore; encoder: SparseEncoder; embeddings: EmbeddingProvider | undefined; parser: ProductQueryParser; metadata?: IndexMetadata | undefined },
  query: string,
  options: ProductSearchOptions,
): Promise<ProductSearchResult> {
  const parsed = options.understand === false ? { text: query, filters: {}, understood: [] } : deps.parser.parse(query);
  const filters = mergeFilters(parsed.filters, options.filters);
  const limit = options.limit ?? 10;
  const sparse = deps.encoder.query(parsed.text);
  const dense = deps.embeddings && analyze(parsed.text).length > 0 ? (await deps.embeddings.embed([parsed.text]))[0] : undefined;
  assertDenseSize(dense, deps.metadata, 'product');
  // No words to rank by: list by price only when a filter narrows the catalog ("under $30", explicit arguments);
  // otherwise the cheapest items would be cited as if they answered the query.
  if (!sparse && !dense && toStoreFilter(filters) === undefined) {
    return { hits: [], filters, understood: parsed.understood, relaxed: [], searchable: false };
  }
  const run = async (f: ProductFilters) => {
    const filter = toStoreFilter(f);
    return sparse || dense
      ? deps.store.search(PRODUCTS_COLLECTION, { sparse, dense, filter, limit })
      : (await deps.store.list(PRODUCTS_COLLECTION, { filter, orderBy: 'price', limit })).map((p) => ({ ...p, score: 0 }));
  };
  const results = await run(filters);
  const soft = SOFT_KEYS.filter((key) => parsed.filters[key] !== undefined && options.filters?.[key] === undefined);
  let relaxed: string[] = [];
  if (results.length < limit && soft.length > 0) {
    const seen = new Set(results.map((r) => r.id));
    const more = (await run(Object.fromEntries(Object.entries(filters).filter(([key]) => !soft.includes(key as SoftKey))))).filter((r) => !seen.has(r.id));
    if (more.length > 0) relaxed = parsed.understood.filter((u) => !/^price|^in stock$/.test(u));
    results.push(...more.slice(0, limit - results.length));
  }
  return { hits: results.map((r) => hitFromPayload(r.id, r.payload, r.score)), filters, understood: parsed.understood, relaxed, searchable: true };
}
