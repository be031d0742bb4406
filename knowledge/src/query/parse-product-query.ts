import { normalizeText } from '../text/analyzer.ts';
import type { ProductFilters } from './product-filters.ts';

/** What the catalog offers, so the parser only extracts values that exist. */
export interface Facets {
  categories: string[];
  departments: string[];
  /** option name -> values, as written in the catalog */
  options: Record<string, string[]>;
}

export interface ParsedProductQuery {
  /** The text left for ranking (price and stock phrases removed). */
  text: string;
  filters: ProductFilters;
  /** Human-readable list of what was understood, e.g. ["price ≤ 300", "color: blue"]. */
  understood: string[];
}

const NUMBER = String.raw`\$?\s?(\d+(?:[.,]\d{1,2})?)\s?(?:dollars?|usd|bucks)?`;
// A number followed by a unit ("10 lbs", "500ml", "20 hours") is an attribute, not a price.
const UNITS = String.raw`lbs?|pounds?|kg|g|oz|ml|l|liters?|litres?|hours?|hrs?|h|mm|cm|m|inch(?:es)?|ft|feet|gb|tb|mb|mah|w|mp|bar|pieces?|cups?|x|p|k|%`;
const NOT_UNIT = String.raw`(?![.,]?\d)(?!\s?(?:${UNITS})(?![a-z]))`;
const MAX_WORDS = String.raw`under|below|less than|cheaper than|at most|up to|no more than|max(?:imum)?|within|<=?`;
const MIN_WORDS = String.raw`over|above|more than|at least|from|min(?:imum)?|starting at|>=?`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const amount = (s: string | undefined) => Number((s ?? '').replace(',', '.'));

/**
 * Extracts structured filters a shopper states in words: price bounds ("under $300", "between $50 and $80",
 * "$20-$40"), stock ("in stock"), a category ("in Audio"), option values ("in blue", "size 10", "128GB storage").
 * Only values that exist in the catalog are extracted; everything else stays ranking text.
 */
export function parseProductQuery(query: string, facets: Facets): ParsedProductQuery {
  let text = ` ${normalizeText(query).replace(/\s+/g, ' ')} `;
  const filters: ProductFilters = {};
  const understood: string[] = [];
  const cut = (re: RegExp, onMatch: (m: RegExpExecArray) => boolean) => {
    const m = re.exec(text);
    if (m && onMatch(m)) text = text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length);
  };

  cut(new RegExp(String.raw`\b(?:between|from)\s${NUMBER}\s(?:and|to|-)\s${NUMBER}${NOT_UNIT}`), (m) => {
    filters.price_min = Math.min(amount(m[1]), amount(m[2]));
    filters.price_max = Math.max(amount(m[1]), amount(m[2]));
    return true;
  });
  cut(new RegExp(String.raw`\$(\d+(?:\.\d{1,2})?)\s?(?:-|to)\s?\$?(\d+(?:\.\d{1,2})?)${NOT_UNIT}`), (m) => {
    filters.price_min = amount(m[1]);
    filters.price_max = amount(m[2]);
    return true;
  });
  cut(new RegExp(String.raw`(?:\b|\s)(?:${MAX_WORDS})\s${NUMBER}${NOT_UNIT}`), (m) => void (filters.price_max = amount(m[1])) === undefined);
  cut(new RegExp(String.raw`(?:\b|\s)(?:${MIN_WORDS})\s(\$\s?\d+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?\s?(?:dollars?|usd|bucks))${NOT_UNIT}`), (m) => {
    filters.price_min = amount((m[1] ?? '').replace(/[^\d.]/g, ''));
    return true;
  });
  if (filters.price_min !== undefined || filters.price_max !== undefined) {
    understood.push(
      filters.price_min !== undefined && filters.price_max !== undefined
        ? `price ${filters.price_min}–${filters.price_max}`
        : filters.price_max !== undefined
          ? `price ≤ ${filters.price_max}`
          : `price ≥ ${filters.price_min}`,
    );
  }
  cut(/\b(?:in stock|in-stock|available now|available to order)\b/, () => {
    filters.in_stock = true;
    understood.push('in stock');
    return true;
  });

  // Longest values first so "space grey" wins over "grey".
  const byLength = (a: string, b: string) => b.length - a.length;
  for (const category of [...facets.categories].sort(byLength)) {
    const re = new RegExp(String.raw`\bin (?:the )?(${escape(normalizeText(category))})\b`);
    if (re.test(text)) {
      filters.category = category;
      understood.push(`category: ${category}`);
      text = text.replace(re, ' $1');
      break;
    }
  }
  const options: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(facets.options)) {
    const n = escape(normalizeText(name));
    for (const value of [...values].sort(byLength)) {
      const v = escape(normalizeText(value));
      if (new RegExp(String.raw`\b${n}:?\s(?:of\s)?${v}(?![a-z0-9])|(?<![a-z0-9])${v}\s${n}\b`).test(text)) {
        options[name] = [value];
        understood.push(`${name}: ${value}`);
        break;
      }
    }
  }
  if (Object.keys(options).length > 0) filters.options = options;
  const named = new Set(Object.values(options).flat().map((v) => v.toLowerCase()));
  const allValues = [...new Set(Object.values(facets.options).flat().map((v) => v.toLowerCase()))].sort(byLength);
  for (const value of allValues) {
    if (named.has(value)) continue;
    if (new RegExp(String.raw`\bin (?:a |the )?${escape(normalizeText(value))}(?![a-z0-9])`).test(text)) {
      filters.option_values = [...(filters.option_values ?? []), value];
      understood.push(`option: ${value}`);
      break;
    }
  }
  return { text: text.replace(/\s+/g, ' ').trim(), filters, understood };
}
