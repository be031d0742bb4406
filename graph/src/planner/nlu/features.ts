import { normalizeText, stopWords, wordTokens } from './normalize.ts';
import { stem } from './stem.ts';
import type { Vocabulary } from './vocabulary.ts';
import type { FeatureBag } from './naive-bayes.ts';
import { productNouns } from './product-nouns.ts';
import { withoutAddress } from '../slots/address.ts';

/** Replaces values whose exact form carries no intent (ids, emails, numbers) by placeholder words. */
export function maskValues(normalized: string): string {
  return withoutAddress(normalized, ' addressvalue ')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' emailvalue ')
    .replace(/#?\bw\s?\d{7}\b/g, ' ordervalue ')
    .replace(/\$\s?\d+(\.\d+)?/g, ' moneyvalue ')
    .replace(/\b\d+(\.\d+)?\b/g, ' numbervalue ');
}

/** Normalised, masked, typo-corrected word tokens of a text. */
export function correctedTokens(text: string, vocabulary: Vocabulary): string[] {
  return wordTokens(maskValues(normalizeText(text)))
    .map((w) => vocabulary.correct(w))
    .map((w, i, all) => (w === 'order' && orderVerbBefore.has(all[i - 1] ?? '') && !orderNounAfter.has(all[i + 1] ?? '') ? 'buy' : w))
    .map((w) => (productNouns.has(w) || productNouns.has(w.replace(/e?s$/, '')) ? 'productvalue' : w));
}

/** "to order the kettle", "please order", "i'll order": the verb "order" means buying (the noun is a stop word). */
const orderVerbBefore = new Set(['to', 'please', 'i', 'will', 'can', 'could', 'and']);
/** "when will order #W… arrive", "to order number 1234567": the noun, followed by its id. */
const orderNounAfter = new Set(['ordervalue', 'numbervalue', 'number', 'id', 'status', 'details']);

const charGramWeight = 0.25;

const questionOpeners = new Set(['do', 'does', 'is', 'are', 'what', 'which', 'how', 'where', 'when', 'will', 'who']);

/**
 * Classifier features: stems (minus stop words), stem bigrams, character trigrams that survive typos, and whether the
 * clause is a question ("do you have it in size 10" asks about the catalog; "I want it in size 10" asks for a change).
 */
export function featuresOf(tokens: string[]): FeatureBag {
  const bag: FeatureBag = new Map();
  const add = (feature: string, weight: number) => bag.set(feature, (bag.get(feature) ?? 0) + weight);
  if (questionOpeners.has(tokens[0] ?? '')) add('q:question', 1);
  const stems = tokens.map(stem);
  const content = stems.filter((s, i) => !stopWords.has(tokens[i] ?? s));
  for (const s of content) add(`w:${s}`, 1);
  for (let i = 1; i < content.length; i++) add(`b:${content[i - 1]}_${content[i]}`, 1);
  for (const s of content) {
    if (s.endsWith('value')) continue;
    const padded = `<${s}>`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, charGramWeight);
  }
  if (content.length === 0 && stems.length > 0) for (const s of stems) add(`w:${s}`, 1);
  return bag;
}
