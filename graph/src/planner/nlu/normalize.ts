/** Text normalisation shared by the intent classifier and the slot extractors. */

const contractions: [RegExp, string][] = [
  [/\bcan['’]?t\b/g, 'can not'],
  [/\bwon['’]t\b/g, 'will not'],
  [/\b(\w+)n['’]t\b/g, '$1 not'],
  [/\bi['’]m\b/g, 'i am'],
  [/\b(\w+)['’]re\b/g, '$1 are'],
  [/\b(\w+)['’]ve\b/g, '$1 have'],
  [/\b(\w+)['’]ll\b/g, '$1 will'],
  [/\b(\w+)['’]d\b/g, '$1 would'],
  [/\b(it|that|what|where|there|here|who|how)['’]s\b/g, '$1 is'],
  [/\bwanna\b/g, 'want to'],
  [/\bgonna\b/g, 'going to'],
  [/\bgotta\b/g, 'have to'],
  [/\bpls\b|\bplz\b/g, 'please'],
  [/\bthx\b|\bty\b/g, 'thanks'],
  [/\bu\b/g, 'you'],
  [/\bur\b/g, 'your'],
  [/\bim\b/g, 'i am'],
  [/\bdont\b/g, 'do not'],
  [/\bcant\b/g, 'can not'],
];

/** Lower-cases, unifies quotes and dashes, expands contractions and common chat shorthand. */
export function normalizeText(text: string): string {
  let t = text.toLowerCase().normalize('NFKC').replace(/[‘’`´]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-');
  for (const [pattern, replacement] of contractions) t = t.replace(pattern, replacement);
  return t.replace(/\s+/g, ' ').trim();
}

/** Word tokens (letters/digits, inner hyphens and apostrophes dropped) of already normalised text. */
export function wordTokens(normalized: string): string[] {
  return normalized
    .replace(/(\w)['-](\w)/g, '$1$2')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Words that carry no intent on their own; dropped from classifier features. */
export const stopWords = new Set([
  'a', 'an', 'the', 'i', 'me', 'my', 'mine', 'we', 'our', 'your', 'it', 'its', 'this', 'that', 'these', 'those',
  'is', 'be', 'am', 'are', 'was', 'were', 'been', 'to', 'of', 'in', 'on', 'at', 'for', 'with', 'and', 'or', 'so',
  'just', 'please', 'hi', 'hello', 'hey', 'there', 'some', 'would', 'could', 'can', 'will', 'do', 'does', 'did',
  'have', 'has', 'had', 'like', 'um', 'uh', 'ok', 'okay', 'well', 'also', 'then', 'too', 'really', 'very', 'one',
  // Every request is about an order; the word itself does not tell which request it is.
  'order', 'orders', 'from',
]);
