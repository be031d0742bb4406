import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so equal arguments always hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function argumentsHash(args: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(args)).digest('hex');
}

/**
 * The idempotency key of one tool call in one conversation. A retry, a resume after a crash or a re-delivered
 * job derives the same key, so the server never repeats the effect.
 */
export function idempotencyKeyFor(threadId: string, toolCallId: string, attempt = 0): string {
  const digest = createHash('sha256').update(`${threadId}\u0000${toolCallId}\u0000${attempt}`).digest('hex').slice(0, 40);
  return `graph:${digest}`;
}
