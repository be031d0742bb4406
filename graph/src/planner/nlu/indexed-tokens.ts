import { normalizeText } from './normalize.ts';
import { stem } from './stem.ts';

export interface IndexedToken {
  word: string;
  stem: string;
  /** Position among the tokens. */
  index: number;
}

/**
 * Word tokens of a text (normalised, inner hyphens joined: "t-shirt" → "tshirt"), with their stems and positions.
 * Commas and semicolons are kept as "," tokens because they separate the items of a list.
 */
export function indexedTokens(text: string): IndexedToken[] {
  const words = normalizeText(text)
    .replace(/(\w)['-](\w)/g, '$1$2')
    .replace(/[,;]/g, ' , ')
    .split(/[^a-z0-9,]+/)
    .filter((w) => w.length > 0);
  return words.map((word, index) => ({ word, stem: stem(word), index }));
}
