import { indexedTokens, type IndexedToken } from '../nlu/indexed-tokens.ts';
import { valueMentioned } from './order-lines.ts';

/** One variant of a product as get_product_details returns it. */
export interface Variant {
  item_id: string;
  options: Record<string, string>;
  available: boolean;
  price: number;
}

export type VariantResolution =
  | { kind: 'resolved'; variant: Variant; changed: Record<string, string> }
  | { kind: 'nothing-requested' }
  | { kind: 'unavailable'; requested: Record<string, string> }
  | { kind: 'ambiguous'; requested: Record<string, string>; candidates: Variant[] };

const sizeWords: Record<string, string> = { small: 's', medium: 'm', large: 'l', 'extra large': 'xl', xl: 'xl', xxl: 'xxl' };

/**
 * Option values of the product that the words name, one per option key. A value different from the current one wins
 * over the current one ("the navy backpack ... a black one": black); of several, the longest ("stainless steel" over
 * "steel"). Yes/no options ("water resistance") count when their key is named, negated or not. A value two keys share
 * ("black" for frame and lens colour) goes to the key whose own words are named, and to neither when none is.
 */
export function requestedOptions(variants: Variant[], wanted: IndexedToken[], current: Record<string, string> = {}): Record<string, string> {
  const byKey = new Map<string, Set<string>>();
  for (const v of variants) for (const [k, val] of Object.entries(v.options)) byKey.set(k, (byKey.get(k) ?? new Set()).add(val));
  const text = wanted.map((t) => t.word).join(' ');
  const requested: Record<string, string> = {};
  for (const [key, values] of byKey) {
    if (values.has('yes') && values.has('no')) {
      if (keyNamed(key, wanted, byKey)) requested[key] = /\b(no|not|non|without)\b/.test(text) ? 'no' : 'yes';
      continue;
    }
    const named = [...values].filter((value) => valueMentioned(value, wanted) || sizeAlias(value, text));
    const changed = named.filter((v) => v !== current[key]).sort((a, b) => b.length - a.length);
    const pick = changed[0] ?? named[0];
    if (pick) requested[key] = pick;
  }
  for (const [key, value] of Object.entries(requested)) {
    const sharers = Object.keys(requested).filter((k) => requested[k] === value);
    if (sharers.length < 2) continue;
    const named = sharers.filter((k) => keyNamed(k, wanted, new Map(sharers.map((x) => [x, byKey.get(x) ?? new Set<string>()]))));
    if (!named.includes(key)) delete requested[key];
  }
  return requested;
}

/** True when a word of the option key that none of the other `keys` has ("frame" vs "lens") is among the words. */
function keyNamed(key: string, words: IndexedToken[], byKey: Map<string, Set<string>>): boolean {
  const others = [...byKey.keys()].filter((k) => k !== key).flatMap((k) => indexedTokens(k).map((t) => t.stem));
  const own = indexedTokens(key).map((t) => t.stem).filter((s) => !others.includes(s));
  return own.some((s) => words.some((w) => w.stem === s || w.word.startsWith(s)));
}

function sizeAlias(value: string, text: string): boolean {
  const v = value.toLowerCase();
  return Object.entries(sizeWords).some(([word, letter]) => letter === v && new RegExp(`\\b(size )?${word}\\b`).test(text));
}

/**
 * The variant of the same product that has every requested option and, among those, keeps most of the current
 * item's other options. Several equally good variants are reported as ambiguous, never picked.
 */
export function resolveVariant(current: Record<string, string>, variants: Variant[], wanted: IndexedToken[]): VariantResolution {
  const requested = requestedOptions(variants, wanted, current);
  const changes = Object.fromEntries(Object.entries(requested).filter(([k, v]) => current[k] !== v));
  if (Object.keys(changes).length === 0) return { kind: 'nothing-requested' };
  const matching = variants.filter((v) => v.available && Object.entries(requested).every(([k, val]) => v.options[k] === val));
  if (matching.length === 0) return { kind: 'unavailable', requested };
  const kept = (v: Variant) => Object.entries(current).filter(([k, val]) => !(k in requested) && v.options[k] === val).length;
  const bestScore = Math.max(...matching.map(kept));
  const best = matching.filter((v) => kept(v) === bestScore);
  if (best.length === 1 && best[0]) return { kind: 'resolved', variant: best[0], changed: changes };
  return { kind: 'ambiguous', requested, candidates: best };
}

