import { CommerceError } from '../errors.ts';
import type { Principal, PrincipalKind } from '../principal.ts';
import type { RateLimit } from '../policy/policy-schema.ts';

/** Per-principal rate limits: `take` spends one call of the principal's budget or throws RATE_LIMITED. */
export interface RateLimiter {
  take(principal: Principal): void | Promise<void>;
  /** Releases what the limiter holds (a shared store's connection); the in-process one holds nothing. */
  close?(): Promise<void>;
}

export type RateLimits = Partial<Record<PrincipalKind, RateLimit>>;

/** One budget per principal, and per conversation for agents. */
/** One budget per caller: an agent's per conversation (its id may serve many); a customer's across all its conversations. */
export const bucketKey = (principal: Principal): string => `${principal.kind}:${principal.id}:${principal.kind === 'agent' ? (principal.conversationId ?? '') : ''}`;

/** The refusal once a bucket holds `tokens` (< 1): when one more call is allowed, and the limit that says so. */
export function rateLimitedError(kind: PrincipalKind, limit: RateLimit, tokens: number): CommerceError {
  const perMs = limit.per_minute / 60_000;
  const retryAfterSeconds = Math.ceil(((1 - tokens) / perMs) / 100) / 10;
  return new CommerceError('RATE_LIMITED', `rate limit for ${kind} principals exceeded (${limit.per_minute} calls per minute, bursts of ${limit.burst}); retry after ${retryAfterSeconds} s`, {
    details: { retryAfterSeconds, limit },
  });
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** From this many buckets, a take for a new principal first drops the buckets that have refilled (they hold nothing). */
const SWEEP_ABOVE = 10_000;

/**
 * Token buckets per principal (and per conversation for agents), sized per principal kind by the policy's
 * `rate_limits`. Kinds without a limit are not limited. In-process: each server process limits its own traffic (for a
 * limit shared by several processes, see redis-rate-limiter.ts). A bucket that has refilled is the same as no bucket,
 * so those are dropped once there are many: the map stays bounded by the principals active in the last refill period.
 */
export function createRateLimiter(limits: RateLimits, clock: () => number = () => performance.now()) {
  const buckets = new Map<string, Bucket & { kind: PrincipalKind }>();
  let sweepAt = SWEEP_ABOVE; // doubles with the buckets a sweep keeps, so sweeps stay rare (amortized O(1) per take)
  const full = (bucket: Bucket & { kind: PrincipalKind }, now: number) => {
    const limit = limits[bucket.kind]!;
    return bucket.tokens + (now - bucket.updated) * (limit.per_minute / 60_000) >= limit.burst;
  };
  return {
    /** Takes one token or throws RATE_LIMITED with `retryAfterSeconds`. */
    take(principal: Principal): void {
      const limit = limits[principal.kind];
      if (!limit) return;
      const key = bucketKey(principal);
      const now = clock();
      if (buckets.size >= sweepAt && !buckets.has(key)) {
        for (const [k, b] of buckets) if (full(b, now)) buckets.delete(k);
        sweepAt = Math.max(SWEEP_ABOVE, buckets.size * 2);
      }
      const perMs = limit.per_minute / 60_000;
      const bucket = buckets.get(key) ?? { kind: principal.kind, tokens: limit.burst, updated: now };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.updated) * perMs);
      bucket.updated = now;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) throw rateLimitedError(principal.kind, limit, bucket.tokens);
      bucket.tokens -= 1;
    },
    /** Buckets held now (for tests and metrics). */
    size: (): number => buckets.size,
  } satisfies RateLimiter & { size(): number };
}
