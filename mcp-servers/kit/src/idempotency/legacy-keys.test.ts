import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argumentsHash } from '../canonical-json.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { sharedPglite, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';

// Keys stored before they were scoped by conversation (decision 0705) had the scope "<system>:<principal id>".
describe('idempotency keys stored under the old scope', () => {
  let h: KitHarness;
  let restarted: KitHarness;
  const args = { customer_id: 'alice', order_id: '#L1', amount: 5 };
  const stored = { refund_id: 99, amount: 5 };
  beforeAll(async () => {
    h = await kitHarness(await sharedPglite());
    const legacy = (scope: string, key: string) =>
      h.runtime.db.query(`INSERT INTO ${h.runtime.schema}.idempotency (scope, key, args_hash, result, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        scope, key, argumentsHash('refunds', 'issue_refund', args), JSON.stringify(stored), new Date().toISOString(),
      ]);
    await legacy(`refunds:${principals.alice.id}`, 'legacy-key-alice');
    await legacy(`refunds:${principals.agent('conv-old').id}`, 'legacy-key-agent');
    // A server started after the upgrade, on the same kit schema.
    restarted = await kitHarness(h.runtime.db, { schema: h.runtime.schema, signer: h.runtime.ledger.signer });
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => {
    await restarted.cleanup();
    await h.cleanup();
  });

  it("replays a customer's retry from before the upgrade instead of running it again", async () => {
    const retried = await restarted.call(principals.alice, 'issue_refund', { ...args, idempotency_key: 'legacy-key-alice' });
    expect(retried.structuredContent).toEqual(stored);
    expect(await restarted.refunds()).toBe(0);
  });

  it("does not honour an agent's old key, which its conversations shared", async () => {
    const agent = principals.agent('conv-new');
    await restarted.call(agent, 'find_customer', { customer_id: 'alice' });
    const ran = await restarted.call(agent, 'issue_refund', { ...args, idempotency_key: 'legacy-key-agent' });
    expect(ran.structuredContent).not.toEqual(stored);
    expect(await restarted.refunds()).toBe(1);
  });

  it('stops looking once retention has pruned the old keys', async () => {
    expect(await restarted.runtime.pruneIdempotencyKeys(new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(2);
    const after = await restarted.call(principals.alice, 'issue_refund', { ...args, idempotency_key: 'legacy-key-alice' });
    expect(after.structuredContent).not.toEqual(stored);
    expect(await restarted.refunds()).toBe(2);
  });
});
