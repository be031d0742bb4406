import type { BaseMessage } from '@langchain/core/messages';
import { fingerprint, redact, redactText } from '@agentic-commerce/kit';
import { luhn } from '@agentic-commerce/kit/ledger/pii-text';

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
 * emails "[email]", phone numbers also international ("+44 20 7946 0958") "[phone]", street addresses (capitalised, with
 * numbered streets, or lower case ending in an unambiguous type such as "street"), with their unit, "[street]", zip codes named as such "[zip]", card numbers "[card]". Text
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
  return labelled(text, redactText(text));
}

/**
 * A value (a tool result, a tool call's arguments) redacted as the kit redacts ledger entries: fields judged by name
 * (emails, names, phones, address1, address2 and zip become "[redacted]"; city, state and country kept; ids kept),
 * every other string as free text (`redactPii`).
 */
export function redactValue(value: unknown): unknown {
  return named(value, redact(value));
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
