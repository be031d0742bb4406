import { normalizeText } from '../nlu/normalize.ts';

/** Points the customer wants to spend on a purchase: a number, or `all` of their balance. */
export type PointsRequest = { all: true } | { all: false; points: number };

const pointWords = '(?:loyalty |reward |rewards |bonus )?points';

/**
 * "use my points", "pay part of it with my loyalty points", "redeem all my reward points" → all of them (as many as the
 * cart allows); "use 500 points", "redeem 1,200 of my points" → that many. Questions about the balance are not
 * requests ("how many points do I have").
 */
export function extractPointsRequest(text: string): PointsRequest | undefined {
  const t = normalizeText(text).replace(/(\d),(\d{3})\b/g, '$1$2');
  if (!new RegExp(`\\b(use|redeem|apply|spend|pay\\b.*\\bwith|put)\\b.*\\b${pointWords}\\b`).test(t)) return undefined;
  if (/\b(how many|balance|do i have)\b/.test(t)) return undefined;
  const counted = new RegExp(`\\b(\\d{1,7})\\s+(?:of my\\s+)?${pointWords}\\b`).exec(t);
  if (counted?.[1]) return { all: false, points: Number(counted[1]) };
  return { all: true };
}
