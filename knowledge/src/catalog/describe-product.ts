import type { CatalogVariant } from './catalog-types.ts';

const collator = new Intl.Collator('en', { numeric: true });

function listOf(values: string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/**
 * A short factual description built only from the catalog data: the product, its category and the option values
 * offered. Prices and availability are per-variant fields (filterable, returned with every variant) and change by
 * events; restating them here would leave every other variant's copy of the description stale after a price change.
 * Deterministic; it claims nothing the data does not say.
 */
export function describeProduct(name: string, category: string, variants: readonly CatalogVariant[]): string {
  const options = new Map<string, Set<string>>();
  for (const variant of variants) {
    for (const [option, value] of Object.entries(variant.options)) {
      if (!options.has(option)) options.set(option, new Set());
      options.get(option)?.add(value);
    }
  }
  const parts = [`${name} (${category}), offered in ${variants.length} variant${variants.length === 1 ? '' : 's'}.`];
  for (const [option, values] of options) {
    const sorted = [...values].sort(collator.compare);
    parts.push(`${option[0]?.toUpperCase()}${option.slice(1)}: ${listOf(sorted)}.`);
  }
  return parts.join(' ');
}
