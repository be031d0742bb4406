import crypto, { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped. Two equal values always give the
 * same text, so hashes of arguments and ledger bodies are stable across processes and engines.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`canonical JSON cannot encode the number ${value}`);
    if (typeof value === 'bigint') return value.toString();
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i ? ',' : '') + (value[i] === undefined ? 'null' : canonicalJson(value[i]));
    return `${out}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  // A loop over sorted keys (not entries/filter/map/join): this runs for every argument hash and ledger entry.
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${first ? '' : ','}${quotedKey(key)}:${canonicalJson(member)}`;
    first = false;
  }
  return `${out}}`;
}

/** Keys repeat (field names of entries, arguments and outputs): each is JSON-quoted once, for a bounded set. */
const quotedKeys = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

// One-shot `crypto.hash` (Node >= 20.12) skips building a Hash object: about half the cost for an entry-sized text.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export function sha256Hex(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : createHash('sha256').update(text).digest('hex');
}

/** SHA-256 of the canonical JSON of what a write call asks for: the system, the tool and its arguments. */
export function argumentsHash(system: string, tool: string, input: Record<string, unknown>): string {
  return sha256Hex(canonicalJson({ system, tool, input }));
}
