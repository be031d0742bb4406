import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Principal } from '../principal.ts';
import { bucketKey, createRateLimiter, rateLimitedError, type RateLimiter, type RateLimits } from './rate-limiter.ts';

/**
 * One token bucket in Redis, updated atomically on Redis's own clock (so processes on several hosts share it): refill
 * since the last call, take a token if there is one, keep the bucket only as long as it takes to refill. The tokens
 * come back as text (Redis would truncate a Lua number to an integer).
 */
const TAKE = `
local burst = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(state[1]) or burst
local updated = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - updated) * per_ms)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / per_ms) + 1000)
return { allowed, tostring(tokens) }`;

type TakingRedis = Redis & { takeToken(key: string, burst: number, perMs: number): Promise<[number, string]> };

export interface RedisRateLimiterOptions {
  /** redis:// or rediss:// URL of the shared store. */
  url: string;
  /** Key prefix; default "commerce:rate:". Processes sharing budgets use the same one. */
  prefix?: string;
  /** A call waits at most this long for Redis before the process's own limits decide it; default 250. */
  timeoutMs?: number;
  logger?: Logger;
}

/**
 * Rate limits shared by every process using the same Redis (several replicas of a server behind a load balancer):
 * the same buckets, limits and refusals as the in-process limiter, kept in Redis. If Redis does not answer in time or
 * fails, the call is limited by this process's own buckets instead (never unlimited, never refused for the outage), a
 * warning is logged once per outage, and until Redis is asked again (at most once a second) calls do not wait for it.
 */
export function createRedisRateLimiter(limits: RateLimits, options: RedisRateLimiterOptions): RateLimiter {
  const url = new URL(options.url);
  if (!/^rediss?:$/.test(url.protocol)) throw new Error(`the rate-limit store must be a redis:// or rediss:// URL, got "${options.url}"`);
  const prefix = options.prefix ?? 'commerce:rate:';
  const redis = new Redis(options.url, {
    // Calls made while it first connects wait for it (up to the timeout); once it has failed, they do not wait.
    commandTimeout: options.timeoutMs ?? 250, maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000), // keep reconnecting; calls fall back meanwhile
  }) as TakingRedis;
  redis.on('error', () => undefined); // reported through the calls that fall back
  redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE });
  const local = createRateLimiter(limits);
  let failing = false;
  let probeAt = 0; // while failing, Redis is asked again only from this time on (at most once a second)
  return {
    async take(principal: Principal): Promise<void> {
      const limit = limits[principal.kind];
      if (!limit) return;
      if (failing && (redis.status !== 'ready' || Date.now() < probeAt)) return local.take(principal);
      let answer: [number, string];
      try {
        answer = await redis.takeToken(`${prefix}${bucketKey(principal)}`, limit.burst, limit.per_minute / 60_000);
      } catch (error) {
        if (!failing) options.logger?.warn({ err: error }, 'rate-limit store unavailable: limiting by this process\'s own buckets until it answers');
        failing = true;
        probeAt = Date.now() + 1000; // a slow Redis costs one call a second the timeout, not every call
        return local.take(principal);
      }
      if (failing) options.logger?.info('rate-limit store answering again');
      failing = false;
      const [allowed, tokens] = answer;
      if (allowed !== 1) throw rateLimitedError(principal.kind, limit, Number(tokens));
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** The limiter a server runs with: shared through Redis when COMMERCE_RATE_LIMIT_REDIS_URL is set, else in-process. */
export function rateLimiterFromEnv(limits: RateLimits, env: NodeJS.ProcessEnv = process.env, logger?: Logger): RateLimiter {
  const url = env.COMMERCE_RATE_LIMIT_REDIS_URL;
  if (!url) return createRateLimiter(limits);
  try {
    return createRedisRateLimiter(limits, { url, logger });
  } catch (error) {
    throw new Error(`COMMERCE_RATE_LIMIT_REDIS_URL: ${(error as Error).message}`);
  }
}
