import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../telemetry/logger.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { sharedPglite, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';
import { idempotencyStore } from './idempotency-store.ts';
import { keyRetentionDaysFromEnv, startKeyRetention } from './key-retention.ts';

describe('idempotency key retention', () => {
  let h: KitHarness;
  let now = new Date('2026-01-01T12:00:00Z');
  beforeAll(async () => void (h = await kitHarness(await sharedPglite(), { now: () => now })), DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());
  const refund = (key: string) => h.call(principals.alice, 'issue_refund', { customer_id: 'alice', order_id: `#R-${key}`, amount: 1, idempotency_key: key });
  const keys = async () => (await h.runtime.db.query<{ key: string }>(`SELECT key FROM ${h.runtime.schema}.idempotency ORDER BY key`)).map((r) => r.key);

  it('forgets keys past the retention, keeps newer ones, and a forgotten key then runs again', async () => {
    await refund('old-key-1');
    await refund('old-key-2');
    now = new Date('2026-01-25T12:00:00Z');
    await refund('new-key-1');
    now = new Date('2026-02-05T12:00:00Z'); // 35 days after the first two, 11 after the third
    const retention = startKeyRetention(h.runtime, 30, createLogger({ level: 'silent' }));
    await retention.stop(); // waits for the first prune
    expect(await keys()).toEqual(['new-key-1']);
    expect(await h.balance('alice')).toBe(3);
    await refund('old-key-1'); // no longer a retry: a new refund
    await refund('new-key-1'); // still a retry
    expect(await h.balance('alice')).toBe(4);
  });

  it('prunes in batches until nothing older is left', async () => {
    now = new Date('2026-03-01T12:00:00Z');
    const rows = Array.from({ length: 5 }, (_, i) => [JSON.stringify(['refunds', 'service', `svc:${i}`, null, null]), `batch-key-${i}`]);
    for (const [scope, key] of rows) {
      await h.runtime.db.query(`INSERT INTO ${h.runtime.schema}.idempotency (scope, key, args_hash, result, created_at) VALUES ($1, $2, 'h', '{}', $3)`, [scope, key, now.toISOString()]);
    }
    const store = idempotencyStore(h.runtime.schema);
    expect(await store.prune(h.runtime.db, new Date('2026-03-01T00:00:00Z'), 2)).toBe(2); // the two keys the first test left
    expect(await store.prune(h.runtime.db, new Date('2026-03-02T00:00:00Z'), 2)).toBe(5);
    expect(await keys()).toEqual([]);
  });

  it('reads the retention from the environment, refusing a bad value', () => {
    expect(keyRetentionDaysFromEnv({})).toBe(30);
    expect(keyRetentionDaysFromEnv({ COMMERCE_IDEMPOTENCY_RETENTION_DAYS: '0' })).toBe(0);
    expect(keyRetentionDaysFromEnv({ COMMERCE_IDEMPOTENCY_RETENTION_DAYS: '7' })).toBe(7);
    expect(() => keyRetentionDaysFromEnv({ COMMERCE_IDEMPOTENCY_RETENTION_DAYS: 'week' })).toThrow('COMMERCE_IDEMPOTENCY_RETENTION_DAYS must be a number of days >= 0 (0 keeps keys for ever), got "week"');
  });
});
