import { describe, expect, it } from 'vitest';
import type { Principal } from '../principal.ts';
import { createRateLimiter } from './rate-limiter.ts';

describe('in-process rate limits', () => {
  it('refuse a principal over its burst with when to retry, and refill with time', () => {
    let now = 0;
    const limiter = createRateLimiter({ agent: { burst: 2, per_minute: 60 } }, () => now);
    const agent = (conversationId: string): Principal => ({ kind: 'agent', id: 'agent:bot', conversationId, scopes: [] });
    limiter.take(agent('c1'));
    limiter.take(agent('c1'));
    expect(() => limiter.take(agent('c1'))).toThrow('rate limit for agent principals exceeded (60 calls per minute, bursts of 2); retry after 1 s');
    limiter.take(agent('c2')); // an agent's budget is per conversation
    now = 1_000;
    limiter.take(agent('c1'));
    limiter.take({ kind: 'admin', id: 'root', scopes: ['*'] }); // kinds without a limit are not limited
  });

  it('drop the buckets that have refilled once there are many, keeping those still spent', () => {
    let now = 0;
    const limiter = createRateLimiter({ customer: { burst: 2, per_minute: 30 } }, () => now); // one token per 2 s
    const customer = (id: string): Principal => ({ kind: 'customer', id, customerId: id, scopes: [] });
    limiter.take(customer('late'));
    limiter.take(customer('late')); // spent: 0 of 2 left
    for (let i = 1; i < 10_000; i++) limiter.take(customer(`c${i}`)); // each left with 1 of 2
    now = 1_000;
    limiter.take(customer('c0'));
    expect(limiter.size()).toBe(10_001); // nobody has refilled yet: a sweep dropped nothing
    for (let i = 1; i < 10_000; i++) limiter.take(customer(`d${i}`));
    expect(limiter.size()).toBe(20_000);
    now = 2_500; // the c's have refilled (2.25 of 2); late (1.25), c0 and the d's (1.75) have not
    limiter.take(customer('later'));
    expect(limiter.size()).toBe(10_002); // the 9,999 c's dropped; late, c0, the 9,999 d's and later stay
    limiter.take(customer('late'));
    expect(() => limiter.take(customer('late'))).toThrow(/rate limit for customer principals exceeded/);
  });
});
