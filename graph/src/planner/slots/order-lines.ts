import { editDistance, fuzzyEquals } from '../nlu/edit-distance.ts';
import { indexedTokens, type IndexedToken } from '../nlu/indexed-tokens.ts';

/** One line of an order as get_order_details returns it. */
export interface OrderLine {
  name: string;
  product_id: string;
  item_id: string;
  price: number;
  options: Record<string, string>;
}

/** A product named in the text, with the words that describe the current item and, if any, the wanted change. */
export interface ItemMention {
  productName: string;
  /** Token position of the product word. */
  at: number;
  /** Words describing the item the customer has (before "to/for/into/but/instead"). */
  current: IndexedToken[];
  /** Words describing what the customer wants instead (after the separator); empty when none. */
  wanted: IndexedToken[];
}

const separators = new Set(['to', 'for', 'into', 'but', 'instead', 'with']);
const segmentBreaks = new Set(['and', 'also', 'plus', 'then', ',']);

function nameWords(name: string): string[] {
  return indexedTokens(name).map((t) => t.stem);
}

function tokenMatches(token: IndexedToken, word: string): boolean {
  // One typo at most, and the first letter right: "kettel" is the kettle, "sunbrella" (a fabric) is not the umbrella.
  return token.stem === word || (token.stem[0] === word[0] && word.length > 3 && editDistance(token.stem, word, 1) <= 1);
}

/** Positions where a product of `names` is mentioned, one per position: by its head noun ("kettle" for "Electric
 * Kettle"), or, when the head is absent, by another long word of the name that no other product here shares. */
export function findItemMentions(text: string, names: string[]): ItemMention[] {
  const tokens = indexedTokens(text);
  const distinct = [...new Set(names)];
  // Each name's words once (they were re-derived for every modifier of every other name: quadratic in the order size).
  const wordsOf = new Map(distinct.map((name) => [name, nameWords(name)]));
  const hits: { name: string; at: number; score: number }[] = [];
  for (const name of distinct) {
    const words = wordsOf.get(name) ?? [];
    const head = words.at(-1);
    if (!head) continue;
    const modifiers = words.slice(0, -1);
    const headHits = tokens.filter((t) => tokenMatches(t, head));
    const unique = modifiers.filter((w) => w.length > 3 && distinct.every((other) => other === name || !(wordsOf.get(other) ?? []).includes(w)));
    const found = headHits.length > 0 ? headHits : tokens.filter((t) => unique.some((w) => tokenMatches(t, w)));
    for (const token of found) {
      const before = tokens.slice(Math.max(0, token.index - 3), token.index);
      hits.push({ name, at: token.index, score: 2 + before.filter((t) => modifiers.some((w) => tokenMatches(t, w))).length });
    }
  }
  const best = new Map<number, { name: string; at: number; score: number }>();
  for (const hit of hits) {
    const seen = best.get(hit.at);
    if (!seen || hit.score > seen.score) best.set(hit.at, hit);
  }
  const ordered = [...best.values()].sort((a, b) => a.at - b.at);
  return ordered.map((hit, i) => {
    const previous = ordered[i - 1];
    const next = ordered[i + 1];
    const start = segmentStart(tokens, previous ? previous.at + 1 : 0, hit.at);
    const end = next ? segmentStart(tokens, hit.at + 1, next.at) : tokens.length;
    const segment = tokens.slice(start, end).filter((t) => !segmentBreaks.has(t.word));
    const split = segment.findIndex((t) => t.index > hit.at && separators.has(t.word));
    return {
      productName: hit.name,
      at: hit.at,
      current: split === -1 ? segment : segment.slice(0, split),
      wanted: split === -1 ? [] : segment.slice(split + 1),
    };
  });
}

/** Where the description of the item at `to` begins: after the last list break since `from`, else at its article. */
function segmentStart(tokens: IndexedToken[], from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (segmentBreaks.has(tokens[i]?.word ?? '')) return i + 1;
  for (let i = to - 1; i >= Math.max(from, to - 4); i--) if (articles.has(tokens[i]?.word ?? '')) return i;
  return to;
}

const articles = new Set(['the', 'a', 'an', 'my', 'that', 'this']);

/** How many words of the option values of `options` occur among `words` (fuzzy, whole values only). */
export function optionOverlap(options: Record<string, string>, words: IndexedToken[]): number {
  let score = 0;
  for (const value of Object.values(options)) if (valueMentioned(value, words)) score += 1;
  return score;
}

/** True when every word of an option value ("built-in grinder", "4 cups", "A5") occurs among `words`. */
export function valueMentioned(value: string, words: IndexedToken[]): boolean {
  const valueWords = indexedTokens(value);
  if (valueWords.length === 0) return false;
  const compactValue = valueWords.map((v) => v.word).join('');
  if (compactValue.length >= 3 && /\d/.test(compactValue)) {
    for (let i = 0; i < words.length; i++) {
      let joined = '';
      for (let j = i; j < Math.min(words.length, i + 3); j++) {
        joined += words[j]?.word ?? '';
        if (joined === compactValue) return true;
      }
    }
  }
  return valueWords.every((v) =>
    words.some((w) => w.word === v.word || (v.word.length > 3 && !/\d/.test(v.word) && (w.stem === v.stem || fuzzyEquals(w.word, v.word)))),
  );
}
