import { fieldRule, isPersonParent } from './pii-fields.ts';
import { fingerprint } from './pii-key.ts';
import { redactText } from './pii-text.ts';

export { fingerprint, isFingerprint, loadPiiKey, processPiiKey } from './pii-key.ts';
export { redactText } from './pii-text.ts';

/**
 * PII minimisation shared by the ledger and the logs. Identifiers the ledger must stay matchable by (order ids,
 * customer ids, item ids, payment method ids) are kept; personal data is replaced by a short keyed fingerprint
 * (HMAC-SHA256, pii-key.ts), so whoever holds the deployment's PII key can match an entry to a known email or address,
 * but no one can read it back or guess it by hashing candidates. Card digits are removed, credentials removed
 * entirely. Fields are judged by name (pii-fields.ts), every other string as free text (pii-text.ts).
 * Redacting twice gives the same value as redacting once.
 */
export function redact(value: unknown, key?: string): unknown {
  return redactValue(value, key, undefined, new Set());
}

/**
 * `redact` over a value that may refer to itself (logged objects can): an object met again inside itself becomes
 * "[circular]"; one shared by two fields is copied into both.
 */
function redactValue(value: unknown, key: string | undefined, parent: string | undefined, inside: Set<object>): unknown {
  if (value === null || value === undefined) return value;
  const rule = key === undefined ? 'text' : fieldRule(key);
  if (rule === 'secret') return '[secret]';
  if (rule === 'card') return '[redacted]';
  if (rule === 'phone' || rule === 'hash' || (rule === 'name' && isPersonParent(parent))) {
    if (typeof value === 'string' || typeof value === 'number') return fingerprintField(String(value), rule === 'phone');
    // An array under such a key holds the same kind of value ({ zip: ['90210'] }).
    if (Array.isArray(value)) return guarded(value, inside, () => value.map((v) => redactValue(v, key, parent, inside)));
  }
  if (typeof value === 'string') return redactText(value, { ids: rule === 'id' });
  if (typeof value !== 'object' || value instanceof Date) return value;
  // A value that says how it is written as JSON (a URL, a decimal) is redacted as that.
  const { toJSON } = value as { toJSON?: unknown };
  if (typeof toJSON === 'function' && !(value instanceof Error)) return redactValue(toJSON.call(value), key, parent, inside);
  return guarded(value, inside, () => redactObject(value, key, rule, parent, inside));
}

function fingerprintField(value: string, phone: boolean): string {
  if (value.trim() === '') return value; // an empty address2 says nothing about anyone
  const digits = phone ? value.replace(/\D/g, '') : '';
  return fingerprint(digits.length >= 7 ? digits : value);
}

function guarded(value: object, inside: Set<object>, redactIt: () => unknown): unknown {
  if (inside.has(value)) return '[circular]';
  inside.add(value);
  try {
    return redactIt();
  } finally {
    inside.delete(value);
  }
}

function redactObject(value: object, key: string | undefined, rule: string, parent: string | undefined, inside: Set<object>): unknown {
  // Array items keep the array's key for id-ness ({ item_ids: ['6469567736'] }) and its parent for names.
  if (Array.isArray(value)) return value.map((v) => redactValue(v, rule === 'id' ? key : undefined, key ?? parent, inside));
  const out: Record<string, unknown> = {};
  // An error's name, message and stack are not own enumerable fields: kept (redacted) so a logged error still says
  // what failed and what it was.
  if (value instanceof Error) {
    out.type = value.name;
    out.message = redactText(value.message);
    if (value.stack) out.stack = redactText(value.stack);
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactValue(v, k, key, inside);
  const cause = value instanceof Error ? (value as { cause?: unknown }).cause : undefined;
  if (cause !== undefined) out.cause = redactValue(cause, 'cause', key, inside);
  return out;
}
