import { fingerprint } from './pii-key.ts';

/**
 * Free-text redaction: emails, phone numbers, street addresses and zip codes named as such become fingerprints, card
 * numbers "[card]". A phone number is one written as one (+ country code, brackets or separators), or a bare 10/11-digit
 * run right after a word naming a phone ("phone", "tel", "mobile", "call", "contact", "my number", "reach me at", …,
 * then perhaps "is", ":", "#:", "-", quotes or a bracket). A street is a house number and capitalised words ending in a
 * street type ("12 Privet Drive"), or lower case ending in one that is no everyday word ("12 oak street, apt 4"):
 * "1 TB hard drive" or "2 days by road" is not one.
 * Fingerprints already in the text, ISO timestamps, hex hashes, UUIDs and ids such as "#W2611340", "sara_doe_496" or
 * "6469567736" are left as they are (a number is only taken when no letter, digit or `_` touches it).
 */
/** `word` matched in any case (lower, Capitalised or UPPER, or mixed): [Pp][Hh]… */
function ci(word: string): string {
  return [...word].map((c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).join('');
}
/**
 * Words after which a bare digit run is a phone number: a phone word (with "number", "no." or "num"), "contact",
 * "my/your/… number" and "reach me/us at/on" ("number" alone is not one: "order number 6469567736" is an id).
 */
const PHONE_CUE = String.raw`(?:(?:${['telephone', 'phone', 'tel', 'mobile', 'cellphone', 'cell', 'called', 'call', 'fax', 'sms', 'whatsapp', 'text', 'contact'].map(ci).join('|')})s?|(?:${['my', 'your', 'our', 'his', 'her', 'their'].map(ci).join('|')})\s+${ci('number')}|${ci('reach')}\s+(?:${ci('me')}|${ci('us')})\s+(?:${ci('at')}|${ci('on')}))`;
/** What may stand between a phone word and its number: "is", "was", ":", "#:", "=", "-", quotes, an opening bracket. */
const PHONE_GAP = String.raw`(?:\s*(?:${ci('is')}|${ci('was')}|[:#=\-–"'(\[]))*\s*`;

/**
 * Street types. Capitalised (or UPPER) they name a street after capitalised words: "12 Privet Drive", "3 Ring Road".
 * Lower case, only those that are no everyday word ("1 TB hard drive", "2 days by road", "a 10 minute drive" are not
 * streets), and only at the end of a phrase or before a unit: "12 oak street, apt 4", "215 river rd.".
 */
const STREET_TYPE = String.raw`(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Highway|Hwy|Parkway|Pkwy|Terrace|Crescent|Way|Court|Ct|Place|Pl|Close|Square|Sq|Circle|Cir|Trail|Row|Alley)`;
const UPPER_STREET_TYPE = String.raw`(?:STREET|ST|AVENUE|AVE|RD|BOULEVARD|BLVD|HIGHWAY|HWY|PARKWAY|PKWY)`;
const PLAIN_STREET_TYPE = String.raw`(?:street|st|avenue|ave|boulevard|blvd|rd)`;
/** A unit after the street: ", apt 4", " Suite 394", " #12". */
const UNIT = String.raw`(?:(?:,? (?:${['apt', 'apartment', 'suite', 'ste', 'unit', 'flat', 'floor', 'fl', 'room', 'rm'].map(ci).join('|')})\.? ?#?[\p{L}\p{N}-]{1,6}|,? #\d{1,5})(?![\p{L}\p{N}_]))`;

/** A numbered street: 5th, 42nd, 1st. */
const NTH = String.raw`\d{1,4}(?:st|nd|rd|th)`;

const PARTS = {
  // Kept as they are: fingerprints (this module's and older unkeyed ones) and ISO timestamps.
  kept: String.raw`(?:hmac|sha256):[0-9a-f]{16}\b|\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?`,
  email: String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`,
  // International: + country code, then groups, e.g. +44 20 7946 0958, +4915112345678, +1 (555) 123-4567.
  intl: String.raw`(?<![\p{L}\p{N}_+])\+\d{1,3}(?:[ .-]?(?:\(\d{1,4}\)|\d{1,5})){1,5}(?![\p{L}\p{N}_])`,
  // 13 to 19 digits, optionally grouped by spaces, dots, dashes or underscores; taken only when they pass Luhn.
  card: String.raw`(?<![\p{L}\p{N}_-])\d(?:[ ._-]?\d){12,18}(?![\p{L}\p{N}_]|[.-]\d)`,
  // (555) 123-4567, 555-123-4567, 555.123.4567, 1 555 123 4567.
  phone: String.raw`(?<![\p{L}\p{N}_#+-])(?:1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]\d{4}(?![\p{L}\p{N}_]|[.-]\d)`,
  // A bare 10-digit number (area code 2-9), or 11 digits starting with 1, only right after a word that names a phone:
  // phone 5551234567, tel: 15551234567, call me at 5551234567, mobile no. 5551234567. Elsewhere a bare digit run is an
  // id (τ-bench item and product ids are 10 digits), kept.
  bare: String.raw`(?<![\p{L}\p{N}_])${PHONE_CUE}(?:[ _-]?${ci('number')}|[ _-]?${ci('no')}\.?|[ _-]?${ci('num')})?\.?(?:\s+(?:${ci('me')}|${ci('us')}|${ci('them')}|${ci('her')}|${ci('him')}))?(?:\s+(?:${ci('at')}|${ci('on')}))?${PHONE_GAP}(?<number>1?[2-9]\d{9})(?![\p{L}\p{N}_]|[.-]\d)`,
  // A zip or postal code after the word that names it: zip 90210, zip code: 90210-1234, postcode SW1A 1AA.
  zip: String.raw`(?<![\p{L}\p{N}_])(?:[Zz][Ii][Pp](?: ?[Cc]ode)?|[Pp]ost(?:al)? ?[Cc]ode)s?\s*[:#=]?\s*(?<code>\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})(?![\p{L}\p{N}_])`,
  // A house number, then one to four capitalised words or numbered streets ("5th") and a capitalised street type, or
  // the same in UPPER case, or any words and a lower-case type that is no everyday word at the end of a phrase or
  // before a unit; with its unit: 12 Privet Drive, 350 5th Avenue, Order 12 Main St Suite 394, 12 oak street, apt 4,
  // 215 river rd. Not "1 TB hard drive", "2 days by road", "2 pairs of street shoes", "2 items in one place". A
  // number touching "#", "$", ".", ":" or "/" is an id, amount or date, never a house.
  street: String.raw`(?<![\p{L}\p{N}_#$.:/-])\d{1,6}[A-Za-z]?,? (?:(?:(?:\p{Lu}(?:[\p{Ll}'][\p{L}'.-]*)?\.?|${NTH})[ \t]){1,4}${STREET_TYPE}|(?:(?:\p{Lu}[\p{Lu}'.-]*|${NTH})[ \t]){1,4}${UPPER_STREET_TYPE})(?![\p{L}\p{N}_])\.?${UNIT}?|(?<![\p{L}\p{N}_#$.:/-])\d{1,6}[A-Za-z]?,? (?:(?:\p{L}[\p{L}'.-]*|${NTH})[ \t]){1,4}${PLAIN_STREET_TYPE}(?![\p{L}\p{N}_])(?:\.?${UNIT}|\.?(?=\s*(?:[,;:!?)\]"']|$))|\.(?=\s))`,
};

const group = (name: keyof typeof PARTS) => `(?<${name}>${PARTS[name]})`;
/** Everything, in one pass (a match is never looked at again, so a fingerprint is never fingerprinted twice). */
const ALL = new RegExp(['kept', 'email', 'intl', 'card', 'phone', 'bare', 'zip', 'street'].map((n) => group(n as keyof typeof PARTS)).join('|'), 'gu');
/** For identifiers: bare digit runs are ids there, not cards or phones. */
const IDS = new RegExp(['kept', 'email', 'intl', 'phone', 'zip', 'street'].map((n) => group(n as keyof typeof PARTS)).join('|'), 'gu');
/**
 * A cheap look that lets most strings (ids, codes, words, hashes) through without running the patterns: each pattern
 * needs an "@", at least 8 digits, or a digit and a space (a street) or a zip cue; a long hex run (a hash) is never one.
 */
function worthScanning(text: string): boolean {
  let digitCount = 0;
  let space = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digitCount += 1;
    else if (c === 64) return true;
    else if (c === 32) space = true;
  }
  if (digitCount >= 8) return !HEX.test(text);
  return digitCount > 0 && (space || ZIP_CUE.test(text));
}
const HEX = /^[0-9a-f]{20,}$/i;
const ZIP_CUE = /zip|post/i;

type Groups = Partial<Record<keyof typeof PARTS | 'code' | 'number', string>>;

function replace(match: string, ...rest: unknown[]): string {
  const groups = rest.at(-1) as Groups;
  if (groups.email) return fingerprint(match);
  if (groups.intl) return digits(match).length >= 8 ? fingerprint(digits(match)) : match;
  if (groups.card) return luhn(digits(match)) ? '[card]' : match;
  if (groups.phone) return fingerprint(digits(match));
  if (groups.bare && groups.number) return match.slice(0, match.length - groups.number.length) + fingerprint(groups.number);
  if (groups.zip && groups.code) return match.slice(0, match.length - groups.code.length) + fingerprint(groups.code);
  if (groups.street) return fingerprint(match.replace(/,/g, ''));
  return match;
}

const digits = (text: string): string => text.replace(/\D/g, '');

/** The Luhn checksum every payment card number passes (and nine in ten other digit runs fail). */
export function luhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i += 1) {
    let d = number.charCodeAt(number.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Redacts free text; `ids`: the text is an identifier (bare digit runs are kept). */
export function redactText(text: string, { ids = false }: { ids?: boolean } = {}): string {
  if (!worthScanning(text)) return text;
  return text.replace(ids ? IDS : ALL, replace);
}
