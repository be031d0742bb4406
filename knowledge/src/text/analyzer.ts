import { stemmer } from 'stemmer';

/**
 * Words that carry no retrieval signal in shopper and policy questions. Kept short on purpose: size letters
 * ("s", "m", "l"), "over"/"on" (over-ear, on-ear) and "no"/"yes" (option values) must survive.
 */
const STOPWORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'with', 'in', 'at', 'by', 'from', 'is', 'are', 'was', 'be', 'it',
  'its', 'this', 'that', 'these', 'those', 'i', 'me', 'my', 'we', 'our', 'you', 'your', 'do', 'does', 'did', 'can',
  'could', 'would', 'should', 'will', 'what', 'which', 'how', 'when', 'where', 'who', 'want', 'need', 'looking',
  'look', 'some', 'any', 'please', 'show', 'find', 'get', 'have', 'has', 'am', 'if', 'there', 'about', 'as', 'so',
]);

/** A unit that may follow a number ("1000 ml", "15 bar") and is also written glued to it ("1000ml"). */
const UNIT = /^[a-z]{1,5}$/;

/** Lower-case, strip diacritics, unify quotes. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '');
}

/**
 * Splits text into surface words. Besides each alphanumeric run it emits:
 * - the joined form of hyphen/slash compounds ("t-shirt" -> "t", "shirt", "tshirt"; "wi-fi" -> "wifi"),
 * - the letter and digit parts of mixed words ("1000ml" -> "1000ml", "1000", "ml"),
 * - a number glued to the unit after it ("1000 ml" -> "1000ml"),
 * so both spellings of a compound meet in the index.
 */
export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  const out: string[] = [];
  for (const compound of normalized.match(/[a-z0-9]+(?:[-/][a-z0-9]+)*/g) ?? []) {
    const parts = compound.split(/[-/]/);
    for (const part of parts) {
      out.push(part);
      const pieces = part.match(/[a-z]+|[0-9]+/g) ?? [];
      if (pieces.length > 1) out.push(...pieces);
    }
    if (parts.length > 1) out.push(parts.join(''));
  }
  const words = normalized.match(/[a-z0-9]+/g) ?? [];
  for (let i = 0; i + 1 < words.length; i++) {
    const current = words[i] as string;
    const next = words[i + 1] as string;
    if (/^[0-9]+$/.test(current) && UNIT.test(next)) out.push(current + next);
  }
  return out;
}

/** Porter stem of one surface word (numbers and mixed tokens pass through unchanged). */
export function stem(word: string): string {
  return /^[a-z]+$/.test(word) && word.length > 2 ? stemmer(word) : word;
}

/** The index terms of a text: tokenize, drop stopwords, stem. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const word of tokenize(text)) {
    if (STOPWORDS.has(word)) continue;
    terms.push(stem(word));
  }
  return terms;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}
