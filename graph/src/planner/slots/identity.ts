import { normalizeText, stopWords, wordTokens } from '../nlu/normalize.ts';
import { orderUtterances } from '../nlu/utterances-orders.ts';
import { otherUtterances } from '../nlu/utterances-other.ts';

/** Emails, in order of appearance. */
export function extractEmails(text: string): string[] {
  return [...text.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)].map((m) => m[0].toLowerCase().replace(/\.$/, ''));
}

/** A US zip code: five digits, or ZIP+4, that is not part of a longer number, an order id or a card number. */
export function extractZip(text: string): string | undefined {
  const labelled = /\b(?:zip|zipcode|postal|postcode)(?:\s*code)?\s*(?:is|:|=)?\s*(\d{5})(?:-\d{4})?\b/i.exec(text);
  if (labelled?.[1]) return labelled[1];
  for (const match of text.matchAll(/(?<![\w#$.])(\d{5})(?:-\d{4})?(?![\d.]|\s*(?:dollars|usd|points))/g)) {
    return match[1];
  }
  return undefined;
}

/** True when a message identifies the customer: an email, or a first + last name with a zip code. */
export function carriesIdentity(text: string): boolean {
  return extractEmails(text).length > 0 || (extractName(text, true) !== undefined && extractZip(text) !== undefined);
}

export interface PersonName {
  firstName: string;
  lastName: string;
}

const introducers = /\b(?:my name is|my name's|name is|name:|i am|this is|call me|i'm)\s+([a-z][a-z'-]+)\s+([a-z][a-z'-]+)/i;

/**
 * A first + last name. Introduced ("my name is Omar Anderson", "I'm omar anderson") or, when `expectingName` (the
 * agent just asked for it), a bare leading "Omar Anderson[, 19031]". Word pairs made of known vocabulary ("I am
 * looking for") are rejected, because they are words, not names.
 */
export function extractName(text: string, expectingName = false): PersonName | undefined {
  const intro = introducers.exec(text);
  if (intro?.[1] && intro[2] && looksLikeName(intro[1], intro[2])) return toName(intro[1], intro[2]);
  if (!expectingName) return undefined;
  const bare = /^\s*([a-z][a-z'-]+)\s+([a-z][a-z'-]+)\b/i.exec(text);
  if (bare?.[1] && bare[2] && looksLikeName(bare[1], bare[2])) return toName(bare[1], bare[2]);
  return undefined;
}

let commonWords: Set<string> | undefined;

/** Words of the training utterances that are about requests (not the sample names in provide_info). */
function requestWords(): Set<string> {
  if (commonWords) return commonWords;
  const sets = { ...orderUtterances, ...otherUtterances, provide_info: [] };
  commonWords = new Set(Object.values(sets).flatMap((list) => (list ?? []).flatMap((u) => wordTokens(normalizeText(u)))));
  return commonWords;
}

function looksLikeName(first: string, last: string): boolean {
  const known = (w: string) => {
    const n = normalizeText(w);
    return stopWords.has(n) || requestWords().has(n) || /^(zip|email|and|order|from|at|with)$/.test(n);
  };
  return !(known(first) || known(last)) || (!known(first) && !stopWords.has(last.toLowerCase()));
}

function toName(first: string, last: string): PersonName {
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
  return { firstName: cap(first), lastName: cap(last) };
}
