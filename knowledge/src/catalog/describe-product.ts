import type { CatalogVariant } from './catalog-types.ts';

const collator = new Intl.Collator('en', { numeric: true });
const money = (value: number) => `$${value.toFixed(2)}`;

function listOf(values: string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/**
 * A short factual description built only from the catalog data: the option values offered and the price range
 * (availability changes too often to be prose; it is a filterable field). Deterministic; it claims nothing the data does not say.
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
  if (variants.length > 0) {
    const prices = variants.map((v) => v.price);
    const min = Math.min(...prices);
    const max = Math.max(...prices);
    parts.push(min === max ? `Price ${money(min)}.` : `Prices from ${money(min)} to ${money(max)}.`);
  }
  return parts.join(' ');
}
