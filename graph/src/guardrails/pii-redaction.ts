import type { BaseMessage } from '@langchain/core/messages';
import { fingerprint, redact, redactText } from '@agentic-commerce/kit';
import { luhn } from '@agentic-commerce/kit/ledger/pii-text';

/**
 * Street types that name a street in any case. Ones that are also everyday words ("by the way", "in one place",
 * "on the square") only count capitalised, as the kit takes them.
 */
const STREET_TYPE = String.raw`(?:[Ss]treet|[Ss]t|[Aa]venue|[Aa]ve|[Rr]oad|[Rr]d|[Bb]oulevard|[Bb]lvd|[Ll]ane|[Ll]n|[Dd]rive|[Dd]r|[Hh]ighway|[Hh]wy|[Pp]arkway|[Pp]kwy|[Tt]errace|[Cc]rescent|STREET|AVENUE|ROAD|LANE|DRIVE|Way|Court|Ct|Place|Pl|Close|Square|Sq|Circle|Cir|Trail|Row|Alley)`;
/** A unit after the street: ", apt 4", " Suite 394", " #12". */
const UNIT = String.raw`(?:(?:,? (?:[Aa]pt|[Aa]partment|[Ss]uite|[Ss]te|[Uu]nit|[Ff]lat|[Ff]loor|[Ff]l|[Rr]oom|[Rr]m)\.? ?#?[\p{L}\p{N}-]{1,6}|,? #\d{1,5})(?![\p{L}\p{N}_]))`;
/**
 * What the kit's street pattern leaves (it needs capitalised names and stops before the unit): a house number, one to
 * four words in any case or numbered streets ("5th") and a street type, with its unit: "12 oak street, apt 4",
 * "350 5th Avenue". A number touching a letter, digit, "#", "$", "." or "/" is an id, amount or date, never a house.
 */
const STREET = new RegExp(
  String.raw`(?<![\p{L}\p{N}_#$.:/-])\d{1,6}[A-Za-z]?,? (?:(?:\p{L}[\p{L}'.-]*|\d{1,4}(?:st|nd|rd|th))[ \t]){1,4}${STREET_TYPE}(?![\p{L}\p{N}_])\.?${UNIT}?`,
  'gu',
);
const streets = (text: string): string => (/\d/.test(text) ? text.replace(STREET, '[street]') : text);

/** What the kit puts in place of PII in free text: a keyed fingerprint, or "[card]". */
const TOKEN = /hmac:[0-9a-f]{16}|\[card\]/g;
const WHOLE_FINGERPRINT = /^hmac:[0-9a-f]{16}$/;
const ZIP_CUE = /(?:zip(?: ?code)?|post(?:al)? ?code)s?\s*[:#=]?\s*$/i;
/** How far one redacted value may reach (a phone, an email, a street line). */
const LONGEST = 320;

/**
 * What the kit replaced with `token`, when `value` is what it replaced: "email", "phone", "street", "zip" or "card";
 * undefined when it is not (or the value was a fingerprint already, kept as it is: "kept").
 */
function labelOf(value: string, token: string, before: string): string | undefined {
  if (value === token) return 'kept';
  const digits = value.replace(/\D/g, '');
  if (token === '[card]') return /^[\d ._-]+$/.test(value) && luhn(digits) ? 'card' : undefined;
  if (fingerprint(value) === token) {
    if (value.includes('@')) return 'email';
    if (ZIP_CUE.test(before)) return 'zip';
    return /^\d+$/.test(value) ? 'phone' : 'street';
  }
  if (fingerprint(value.replace(/,/g, '')) === token) return 'street';
  if (digits.length >= 7 && fingerprint(digits) === token) return 'phone';
  return undefined;
}

/**
 * The kit's redaction of `original`, with each fingerprint it put in named by what it replaced ("[email]", "[phone]",
 * "[street]", "[zip]"), so a person reading a transcript sees what was there. Each replaced span is found again by
 * the fingerprint it must have (keyed HMAC): a span is only named when it is provably the one. Should that ever fail,
 * the kit's text (fingerprints) is returned: nothing personal is shown either way.
 */
function labelled(original: string, redacted: string): string {
  const literals = redacted.split(TOKEN);
  const tokens = redacted.match(TOKEN) ?? [];
  if (tokens.length === 0 || !original.startsWith(literals[0]!)) return redacted;
  let out = literals[0]!;
  let at = literals[0]!.length;
  for (const [i, token] of tokens.entries()) {
    const next = literals[i + 1]!;
    const last = i === tokens.length - 1;
    // The span ends where the next literal starts (the last one: where the text's tail starts).
    const ends = last ? [original.length - next.length] : Array.from({ length: Math.min(LONGEST, original.length - at) }, (_, k) => at + 1 + k);
    let found: { end: number; label: string } | undefined;
    for (const end of ends) {
      if (end <= at || !original.startsWith(next, end)) continue;
      const label = labelOf(original.slice(at, end), token, original.slice(Math.max(0, at - 40), at));
      if (label) {
        found = { end, label };
        break;
      }
    }
    if (!found) return redacted;
    out += (found.label === 'kept' ? token : `[${found.label}]`) + next;
    at = found.end + next.length;
  }
  return at === original.length ? out : redacted;
}

/**
 * Redacts text for transcripts with the kit's redaction (the ledger's and the logs'), what it took named by kind:
 * emails "[email]", phone numbers also international ("+44 20 7946 0958") "[phone]", street addresses in any case or
 * with numbered streets, with their unit, "[street]", zip codes named as such "[zip]", card numbers "[card]". Text
 * holding JSON (a tool result) is redacted field by field (`redactValue`). What an operator reads is kept: order ids
 * (#W1234567), item and product ids, tracking ids, user and payment method ids, amounts and dates.
 */
export function redactPii(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactValue(JSON.parse(text)));
    } catch {
      // not JSON after all: free text
    }
  }
  const prepared = streets(text);
  return labelled(prepared, redactText(prepared));
}

/**
 * A value (a tool result, a tool call's arguments) redacted as the kit redacts ledger entries: fields judged by name
 * (emails, names, phones, address1, address2 and zip become "[redacted]"; city, state and country kept; ids kept),
 * every other string as free text (`redactPii`).
 */
export function redactValue(value: unknown): unknown {
  const prepared = mapStrings(value, streets);
  return named(prepared, redact(prepared));
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)]));
  return value;
}

/** The kit's redaction of `original`, fingerprints named: a whole personal field "[redacted]", free text by kind. */
function named(original: unknown, redacted: unknown): unknown {
  if (typeof redacted === 'string') {
    if (typeof original !== 'string' && typeof original !== 'number') return redacted;
    const before = String(original);
    if (redacted === before) return redacted;
    return WHOLE_FINGERPRINT.test(redacted) && !WHOLE_FINGERPRINT.test(before) && !before.includes('@') ? '[redacted]' : labelled(before, redacted);
  }
  if (Array.isArray(redacted)) return redacted.map((v, i) => named(Array.isArray(original) ? original[i] : undefined, v));
  if (redacted !== null && typeof redacted === 'object') {
    const from = original !== null && typeof original === 'object' ? (original as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(redacted).map(([k, v]) => [k, named(from[k], v)]));
  }
  return redacted;
}

export interface TranscriptLine {
  role: string;
  text: string;
  toolCalls?: { name: string; args: string }[];
}

/** A conversation as stored for people (API, logs): roles, text and tool calls, with PII redacted. */
export function redactedTranscript(messages: readonly BaseMessage[]): TranscriptLine[] {
  return messages.map((m) => {
    const calls = (m as { tool_calls?: { name: string; args: unknown }[] }).tool_calls;
    return {
      role: m.getType(),
      text: typeof m.content === 'string' ? redactPii(m.content) : JSON.stringify(redactValue(m.content)),
      ...(calls && calls.length > 0 ? { toolCalls: calls.map((c) => ({ name: c.name, args: JSON.stringify(redactValue(c.args)) })) } : {}),
    };
  });
}
