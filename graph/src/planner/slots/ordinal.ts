import { normalizeText } from '../nlu/normalize.ts';

const ordinals: Record<string, number> = { first: 0, '1st': 0, second: 1, '2nd': 1, third: 2, '3rd': 2, fourth: 3, '4th': 3, fifth: 4, '5th': 4 };

/**
 * Which of the options the agent just listed the customer picked: "the first one" → 0, "the second" → 1,
 * "the last one" → count - 1, "option 2" → 1. Undefined when the text names no position (or one past the list).
 */
export function extractOrdinal(text: string, count: number): number | undefined {
  const t = normalizeText(text);
  if (/\b(the )?(last|latter)( one)?\b/.test(t)) return count > 0 ? count - 1 : undefined;
  if (/\b(the )?former\b/.test(t)) return 0;
  const word = /\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\b/.exec(t);
  const numbered = /\b(?:option|number|no\.?|#)\s*(\d)\b/.exec(t);
  const index = word?.[1] !== undefined ? ordinals[word[1]] : numbered?.[1] ? Number(numbered[1]) - 1 : undefined;
  return index !== undefined && index >= 0 && index < count ? index : undefined;
}
