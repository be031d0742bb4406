import type { PolicyHit } from '../index/policy-index.ts';
import type { ProductSearchResult } from '../index/product-search.ts';

export function formatProductResult(result: ProductSearchResult): string {
  const lines: string[] = [];
  if (result.understood.length > 0) lines.push(`understood: ${result.understood.join(', ')}`);
  if (result.relaxed.length > 0) lines.push(`exact matches first, then close matches without: ${result.relaxed.join(', ')}`);
  if (!result.searchable) lines.push('the query has no searchable words (only stopwords, punctuation or symbols): name a product, attribute or price');
  else if (result.hits.length === 0) lines.push('no matching variants');
  result.hits.forEach((hit, i) => {
    const options = Object.entries(hit.options).map(([k, v]) => `${k}: ${v}`).join(', ');
    lines.push(`${String(i + 1).padStart(2)}. ${hit.product_name} — ${options} — $${hit.price.toFixed(2)}${hit.available ? '' : ' (out of stock)'}  [${hit.citation.id} @ ${hit.citation.version}]`);
  });
  return lines.join('\n');
}

export function formatPolicyHits(hits: readonly PolicyHit[]): string {
  if (hits.length === 0) return 'no matching policy sections';
  return hits.map((hit, i) => `${i + 1}. ${hit.title}  [${hit.chunk_id} v${hit.version}]\n   ${hit.text}`).join('\n');
}
