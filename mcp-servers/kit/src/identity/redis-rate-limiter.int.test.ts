import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionRuntime } from '../action-runtime.ts';
import type { Database } from '../db/database.ts';
import { isCommerceError } from '../errors.ts';
import { generateSigner } from '../ledger/ledger-keys.ts';
import type { Principal } from '../principal.ts';
import { createLogger } from '../telemetry/logger.ts';
import { DATABASE_START_TIMEOUT_MS, dropPrefixedSchemas, sharedPglite, uniquePrefix } from '../testing/test-database.ts';
import { getBalance, migrateRefunds, refundsBackend, testPolicy } from '../testing/refunds-system.ts';
import { createRedisRateLimiter, rateLimiterFromEnv } from './redis-rate-limiter.ts';
import { startDelayProxy } from '../bench/delay-proxy.ts';

const url = process.env.TEST_REDIS_URL;
const alice: Principal = { kind: 'customer', id: 'alice', customerId: 'alice', scopes: ['refunds:read'] };
const bob: Principal = { kind: 'customer', id: 'bob', customerId: 'bob', scopes: ['refunds:read'] };
const refusal = (run: () => unknown) => Promise.resolve().then(run).then(() => undefined, (error: unknown) => error);

describe.skipIf(!url)('rate limits shared through Redis', () => {
  const prefix = `test:rate:${randomBytes(4).toString('hex')}:`;
  const limits = { customer: { burst: 3, per_minute: 1 } };
  const open = () => createRedisRateLimiter(limits, { url: url!, prefix });
  const closing: { close?(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const c of closing) await c.close?.();
    const redis = new Redis(url!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('shares one budget per principal among processes, refusing the call over it with when to retry', async () => {
    const [a, b] = [open(), open()]; // two server processes
    closing.push(a, b);
    await a.take(alice);
    await b.take(alice);
    await a.take(alice);
    const over = await refusal(() => b.take(alice));
    expect(isCommerceError(over) && over.code).toBe('RATE_LIMITED');
    expect(over).toMatchObject({ details: { retryAfterSeconds: expect.any(Number), limit: limits.customer } });
    expect((over as Error).message).toMatch(/^rate limit for customer principals exceeded \(1 calls per minute, bursts of 3\); retry after [\d.]+ s$/);
    expect((over as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds).toBeGreaterThan(0);
    await a.take(bob); // another principal has its own budget
    await a.take({ ...alice, kind: 'service', id: 'svc' }); // kinds without a limit are not limited
  });

  it('refills on Redis\'s clock, and keeps a bucket only until it would be full again', async () => {
    const fast = createRedisRateLimiter({ customer: { burst: 1, per_minute: 600_000 } }, { url: url!, prefix }); // 10 per ms
    closing.push(fast);
    const carol = { ...alice, id: 'carol' };
    await fast.take(carol);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await fast.take(carol);
    const redis = new Redis(url!);
    const ttl = await redis.pttl(`${prefix}customer:carol:`);
    redis.disconnect();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1001);
  });

  it('limits by the process\'s own buckets while Redis does not answer', async () => {
    const warnings: string[] = [];
    const logger = { warn: (_: unknown, message: string) => warnings.push(message), info: () => undefined } as unknown as Logger;
    const down = createRedisRateLimiter(limits, { url: 'redis://127.0.0.1:1', prefix, logger });
    closing.push(down);
    for (let i = 0; i < 3; i++) await down.take(alice);
    expect(await refusal(() => down.take(alice))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(warnings).toEqual(["rate-limit store unavailable: limiting by this process's own buckets until it answers"]); // once per outage
  });

  it('asks a Redis that has turned slow at most once a second, limiting by its own buckets meanwhile', async () => {
    // A proxy in front of Redis whose delay the test turns up once the limiter is connected.
    const delay = { ms: 0 };
    const target = new URL(url!);
    const proxy = await startDelayProxy({ listen: 0, host: target.hostname, port: Number(target.port || 6379), delayMs: () => delay.ms });
    const slow = createRedisRateLimiter(limits, { url: `redis://127.0.0.1:${proxy.port}/15`, prefix, timeoutMs: 300, logger: createLogger({ level: 'silent' }) });
    closing.push(slow, { close: async () => proxy.close() });
    const timed = async (principal: Principal) => {
      const started = performance.now();
      await slow.take(principal);
      return performance.now() - started;
    };
    await slow.take({ ...bob, id: 'erin' }); // connected and answering
    delay.ms = 500; // now every command takes over a second
    expect(await timed(bob)).toBeGreaterThanOrEqual(250); // waited for Redis, then its own bucket decided
    const quick = [await timed(bob), await timed({ ...bob, id: 'dave' })];
    expect(Math.max(...quick)).toBeLessThan(150); // not waiting again within the second
    await slow.take(bob);
    expect(await refusal(() => slow.take(bob))).toMatchObject({ code: 'RATE_LIMITED' }); // still limited: bob's 3 spent here
    delay.ms = 0;
  });

  it('is what a server runs with when COMMERCE_RATE_LIMIT_REDIS_URL is set, and refuses a URL that is not redis://', async () => {
    expect('size' in rateLimiterFromEnv(limits, {})).toBe(true); // in-process
    const shared = rateLimiterFromEnv(limits, { COMMERCE_RATE_LIMIT_REDIS_URL: url! });
    closing.push(shared);
    expect('size' in shared).toBe(false);
    expect(() => rateLimiterFromEnv(limits, { COMMERCE_RATE_LIMIT_REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(
      'COMMERCE_RATE_LIMIT_REDIS_URL: the rate-limit store must be a redis:// or rediss:// URL, got "http://127.0.0.1:6379"',
    );
  });

  describe('in the action runtime', () => {
    const dbPrefix = uniquePrefix();
    let db: Database;
    beforeAll(async () => {
      db = await sharedPglite();
      await migrateRefunds(db, `${dbPrefix}_refunds`, { alice: 10 });
    }, DATABASE_START_TIMEOUT_MS);
    afterAll(async () => dropPrefixedSchemas(db, dbPrefix));

    it('refuses the call over a budget spent through two runtimes, before the tool runs', async () => {
      const policy = testPolicy(`rate_limits:\n  customer: { burst: 2, per_minute: 1 }`);
      const signer = generateSigner();
      const runtimes = [0, 1].map(() => {
        const rateLimiter = createRedisRateLimiter(policy.file.rate_limits, { url: url!, prefix: `${prefix}rt:` });
        closing.push(rateLimiter);
        return createActionRuntime({ db, schema: `${dbPrefix}_kit`, policy, signer, rateLimiter, logger: createLogger({ level: 'silent' }) });
      });
      const call = (i: number) => runtimes[i % 2]!.invoke({ system: 'refunds', tool: getBalance, input: { customer_id: 'alice' }, principal: alice }, refundsBackend(`${dbPrefix}_refunds`));
      expect(await call(0)).toEqual({ customer_id: 'alice', balance: 10 });
      expect(await call(1)).toEqual({ customer_id: 'alice', balance: 10 });
      expect(await refusal(() => call(2))).toMatchObject({ code: 'RATE_LIMITED' });
    });
  });
});
