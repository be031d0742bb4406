import { sha256Hex } from '../canonical-json.ts';

/**
 * PII minimisation shared by the ledger and the logs. Identifiers the ledger must stay matchable by (order ids,
 * customer ids, item ids, payment method ids) are kept; personal data is replaced by a short SHA-256 fingerprint,
 * so an entry can still be matched to a known email or address by whoever already has it, but never read back.
 */
const HASHED_KEYS = new Set([
  'email', 'phone', 'phone_number', 'first_name', 'last_name', 'full_name', 'name_on_card',
  'address1', 'address2', 'street', 'line1', 'line2', 'zip', 'postal_code', 'postcode',
]);
const REDACTED_KEYS = new Set(['card_number', 'last_four', 'cvv', 'cvc', 'password', 'token', 'secret', 'authorization']);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// 13-19 digits, optionally grouped by spaces or dashes: card numbers.
const CARD = /\b(?:\d[ -]?){12,18}\d\b/g;
// +1 (555) 123-4567, 555-123-4567, +44 20 7946 0958 ...
const PHONE = /(?:\+\d{1,3}[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b/g;

export function fingerprint(value: string): string {
  return `sha256:${sha256Hex(value.trim().toLowerCase()).slice(0, 16)}`;
}

/** Redacts free text: emails and phone numbers are fingerprinted, card-like digit runs removed. */
export function redactText(text: string): string {
  return text
    .replace(EMAIL, (m) => fingerprint(m))
    .replace(CARD, '[card]')
    .replace(PHONE, (m) => fingerprint(m.replace(/\D/g, '')));
}

export function redact(value: unknown, key?: string): unknown {
  return redactValue(value, key, new Set());
}

/**
 * `redact` over a value that may refer to itself (logged objects can): an object met again inside itself becomes
 * "[circular]"; one shared by two fields is copied into both.
 */
function redactValue(value: unknown, key: string | undefined, inside: Set<object>): unknown {
  if (key !== undefined) {
    const k = key.toLowerCase();
    if (REDACTED_KEYS.has(k) && value !== null && value !== undefined) return '[redacted]';
    if (HASHED_KEYS.has(k) && (typeof value === 'string' || typeof value === 'number')) return fingerprint(String(value));
  }
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (inside.has(value)) return '[circular]';
  inside.add(value);
  try {
    return redactObject(value, inside);
  } finally {
    inside.delete(value);
  }
}

function redactObject(value: object, inside: Set<object>): unknown {
  if (Array.isArray(value)) return value.map((v) => redactValue(v, undefined, inside));
  const out: Record<string, unknown> = {};
  // An error's message and stack are not own enumerable fields: kept (redacted) so a logged error still says what failed.
  if (value instanceof Error) {
    out.type = value.name;
    out.message = redactText(value.message);
    if (value.stack) out.stack = redactText(value.stack);
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactValue(v, k, inside);
  const cause = value instanceof Error ? (value as { cause?: unknown }).cause : undefined;
  if (cause !== undefined) out.cause = redactValue(cause, 'cause', inside);
  return out;
}
