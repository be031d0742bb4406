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

interface CompiledFacets {
  categories: { name: string; re: RegExp }[];
  options: { name: string; values: { value: string; re: RegExp }[] }[];
  values: { value: string; re: RegExp }[];
}

const PRICE_RANGE = new RegExp(String.raw`\b(?:between|from)\s${NUMBER}\s(?:and|to|-)\s${NUMBER}${NOT_UNIT}`);
const PRICE_DASH = new RegExp(String.raw`\$(\d+(?:\.\d{1,2})?)\s?(?:-|to)\s?\$?(\d+(?:\.\d{1,2})?)${NOT_UNIT}`);
const PRICE_MAX = new RegExp(String.raw`(?:\b|\s)(?:${MAX_WORDS})\s${NUMBER}${NOT_UNIT}`);
const PRICE_MIN = new RegExp(String.raw`(?:\b|\s)(?:${MIN_WORDS})\s(\$\s?\d+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?\s?(?:dollars?|usd|bucks))${NOT_UNIT}`);
const IN_STOCK = /\b(?:in stock|in-stock|available now|available to order)\b/;

/** Longest first, so "space grey" wins over "grey". */
const byLength = (a: string, b: string) => b.length - a.length;

function compile(facets: Facets): CompiledFacets {
  return {
    categories: [...facets.categories].sort(byLength).map((name) => ({ name, re: new RegExp(String.raw`\bin (?:the )?(${escape(normalizeText(name))})\b`) })),
    options: Object.entries(facets.options).map(([name, values]) => {
      const n = escape(normalizeText(name));
      return {
        name,
        values: [...values].sort(byLength).map((value) => {
          const v = escape(normalizeText(value));
          return { value, re: new RegExp(String.raw`\b${n}:?\s(?:of\s)?${v}(?![a-z0-9])|(?<![a-z0-9])${v}\s${n}\b`) };
        }),
      };
    }),
    values: [...new Set(Object.values(facets.options).flat().map((v) => v.toLowerCase()))]
      .sort(byLength)
      .map((value) => ({ value, re: new RegExp(String.raw`\bin (?:a |the )?${escape(normalizeText(value))}(?![a-z0-9])`) })),
  };
}

/**
 * Extracts structured filters a shopper states in words: price bounds ("under $300", "between $50 and $80",
 * "$20-$40"), stock ("in stock"), a category ("in Audio"), option values ("in blue", "size 10", "128GB storage").
 * Only values that exist in the catalog are extracted; everything else stays ranking text. Build one parser per
 * set of facets (its patterns are compiled once).
 */
export class ProductQueryParser {
  private readonly compiled: CompiledFacets;

  constructor(facets: Facets) {
    this.compiled = compile(facets);
  }

  parse(query: string): ParsedProductQuery {
    let text = ` ${normalizeText(query).replace(/\s+/g, ' ')} `;
    const filters: ProductFilters = {};
    const understood: string[] = [];
    const cut = (re: RegExp, onMatch: (m: RegExpExecArray) => void) => {
      const m = re.exec(text);
      if (!m) return;
      onMatch(m);
      text = text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length);
    };

    cut(PRICE_RANGE, (m) => {
      filters.price_min = Math.min(amount(m[1]), amount(m[2]));
      filters.price_max = Math.max(amount(m[1]), amount(m[2]));
    });
    cut(PRICE_DASH, (m) => {
      filters.price_min = amount(m[1]);
      filters.price_max = amount(m[2]);
    });
    cut(PRICE_MAX, (m) => void (filters.price_max = amount(m[1])));
    cut(PRICE_MIN, (m) => void (filters.price_min = amount((m[1] ?? '').replace(/[^\d.]/g, ''))));
    if (filters.price_min !== undefined || filters.price_max !== undefined) {
      understood.push(
        filters.price_min !== undefined && filters.price_max !== undefined
          ? `price ${filters.price_min}–${filters.price_max}`
          : filters.price_max !== undefined
            ? `price ≤ ${filters.price_max}`
            : `price ≥ ${filters.price_min}`,
      );
    }
    cut(IN_STOCK, () => {
      filters.in_stock = true;
      understood.push('in stock');
    });

    for (const { name, re } of this.compiled.categories) {
      if (re.test(text)) {
        filters.category = name;
        understood.push(`category: ${name}`);
        text = text.replace(re, ' $1');
        break;
      }
    }
    const options: Record<string, string[]> = {};
    for (const option of this.compiled.options) {
      const found = option.values.find(({ re }) => re.test(text));
      if (found) {
        options[option.name] = [found.value];
        understood.push(`${option.name}: ${found.value}`);
      }
    }
    if (Object.keys(options).length > 0) filters.options = options;
    const named = new Set(Object.values(options).flat().map((v) => v.toLowerCase()));
    const inValue = this.compiled.values.find(({ value, re }) => !named.has(value) && re.test(text));
    if (inValue) {
      filters.option_values = [inValue.value];
      understood.push(`option: ${inValue.value}`);
    }
    return { text: text.replace(/\s+/g, ' ').trim(), filters, understood };
  }
}

/** One-off parse (compiles the facet patterns each call; keep a ProductQueryParser for repeated queries). */
export function parseProductQuery(query: string, facets: Facets): ParsedProductQuery {
  return new ProductQueryParser(facets).parse(query);
}
