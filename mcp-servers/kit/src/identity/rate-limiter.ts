import { CommerceError } from '../errors.ts';
import type { Principal, PrincipalKind } from '../principal.ts';
import type { RateLimit } from '../policy/policy-schema.ts';

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * Token buckets per principal (and per conversation for agents), sized per principal kind by the policy's
 * `rate_limits`. Kinds without a limit are not limited. In-process: each server process limits its own traffic.
 */
export function createRateLimiter(limits: Partial<Record<PrincipalKind, RateLimit>>, clock: () => number = () => performance.now()) {
  const buckets = new Map<string, Bucket>();
  return {
    /** Takes one token or throws RATE_LIMITED with `retryAfterSeconds`. */
    take(principal: Principal): void {
      const limit = limits[principal.kind];
      if (!limit) return;
      const key = `${principal.kind}:${principal.id}:${principal.conversationId ?? ''}`;
      const now = clock();
      const perMs = limit.per_minute / 60_000;
      const bucket = buckets.get(key) ?? { tokens: limit.burst, updated: now };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.updated) * perMs);
      bucket.updated = now;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) {
        const retryAfterSeconds = Math.ceil(((1 - bucket.tokens) / perMs) / 100) / 10;
        throw new CommerceError('RATE_LIMITED', `rate limit for ${principal.kind} principals exceeded (${limit.per_minute} calls per minute, bursts of ${limit.burst}); retry after ${retryAfterSeconds} s`, {
          details: { retryAfterSeconds, limit },
        });
      }
      bucket.tokens -= 1;
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
