import { indexedTokens, type IndexedToken } from '../nlu/indexed-tokens.ts';
import { productNouns } from '../nlu/product-nouns.ts';
import { valueMentioned } from '../slots/order-lines.ts';

/** One variant as search_products returns it. */
export interface Hit {
  variant_id: string;
  product_id?: string;
  product_name: string;
  options: Record<string, string>;
  price: number;
  available: boolean;
}

export const describeHit = (h: Hit) => `${h.product_name} (${Object.values(h.options).join(', ')})`;
export const offerHit = (h: Hit) => `${describeHit(h)} at $${h.price.toFixed(2)}`;

/** The text of a request that names the product ("I'd like to buy the blue luggage set"), else its first text. */
export function productQuery(texts: string[]): string {
  return texts.find((t) => indexedTokens(t).some((w) => productNouns.has(w.stem) || productNouns.has(w.word))) ?? texts[0] ?? '';
}

function nameScore(hit: Hit, words: IndexedToken[]): number {
  return indexedTokens(hit.product_name).filter((n) => valueMentioned(n.word, words)).length;
}

function optionScore(hit: Hit, words: IndexedToken[]): number {
  return Object.values(hit.options).filter((v) => valueMentioned(v, words)).length;
}

export interface HitChoice {
  /** The variants that fit the customer's words best (available or not), best first. */
  best: Hit[];
  /** How many option values of the best variants the customer named. */
  named: number;
}

/**
 * The variants that fit the customer's words best: of the products whose name they said most of, the variants with
 * the most option values they named. Availability is not judged here, so an out-of-stock variant the customer
 * described exactly is recognised as what they want (and refused), never silently swapped for another.
 */
export function bestHits(hits: Hit[], words: IndexedToken[]): HitChoice {
  if (hits.length === 0) return { best: [], named: 0 };
  const topName = Math.max(...hits.map((h) => nameScore(h, words)));
  const named = hits.filter((h) => nameScore(h, words) === topName);
  const top = Math.max(...named.map((h) => optionScore(h, words)));
  return { best: named.filter((h) => optionScore(h, words) === top), named: top };
}

/** In-stock variants of the same product, those sharing most options with the wanted one first. */
export function alternativesTo(wanted: Hit, hits: Hit[], max = 4): Hit[] {
  const shared = (h: Hit) => Object.entries(wanted.options).filter(([k, v]) => h.options[k] === v).length;
  return hits
    .filter((h) => h.available && h.variant_id !== wanted.variant_id && (h.product_id ?? h.product_name) === (wanted.product_id ?? wanted.product_name))
    .sort((a, b) => shared(b) - shared(a) || a.price - b.price)
    .slice(0, max);
}

/** Numbers that belong to the variant's options ("130 degrees", "30-50 lbs", "4 cups") are not quantities. */
export function withoutOptionValues(text: string, hit: Hit): string {
  let out = text;
  for (const value of Object.values(hit.options)) {
    const flexible = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]*');
    out = out.replace(new RegExp(flexible, 'gi'), ' ');
  }
  return out;
}
