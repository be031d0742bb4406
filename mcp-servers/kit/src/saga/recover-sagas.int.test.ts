import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionRuntime, type KitRuntime } from '../action-runtime.ts';
import type { Database } from '../db/database.ts';
import { openPostgresDatabase } from '../db/postgres-database.ts';
import { verifyLedger } from '../ledger/verify-ledger.ts';
import { kitHarness, type KitHarness } from '../testing/kit-harness.ts';
import { refundTools, testPolicy } from '../testing/refunds-system.ts';
import { DATABASE_START_TIMEOUT_MS, sharedPostgres, testPostgresUrl } from '../testing/test-database.ts';
import { crashKit } from './crashed-saga.ts';
import { recoverSagas } from './recover-sagas.ts';

/** Two processes recovering the same kit schema at once (PostgreSQL: real row locks, separate connections). */
describe('recoverSagas from two processes at once (PostgreSQL)', () => {
  let h: KitHarness;
  let other: { db: Database; runtime: KitRuntime };
  let clock = Date.parse('2025-03-01T09:00:00Z');
  beforeAll(async () => {
    h = await kitHarness(await sharedPostgres(), { now: () => new Date(clock) });
    const customers = Array.from({ length: 8 }, (_, i) => `('c${i}', 0)`).join(', ');
    await h.runtime.db.query(`INSERT INTO ${h.schema}.wallets VALUES ${customers}`);
    const db = await openPostgresDatabase(testPostgresUrl()!, { max: 4 });
    other = { db, runtime: createActionRuntime({ db, schema: h.runtime.schema, policy: testPolicy(), signer: h.runtime.ledger.signer, now: () => new Date(clock) }) };
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => {
    await other?.db.close();
    await h?.cleanup();
  });

  it('undoes every step of every stopped saga once, whichever process claims it', async () => {
    const kit = crashKit(h);
    const keys = ['pg-crash-1', 'pg-crash-2', 'pg-crash-3', 'pg-crash-4'];
    for (const [i, key] of keys.entries()) {
      await kit.crash([kit.refund('first', `c${2 * i}`, 10), kit.refund('second', `c${2 * i + 1}`, 20), kit.hang().step], key);
    }
    clock += 10 * 60_000;
    const options = { olderThan: 5 * 60_000, compensations: { systems: [{ system: 'refunds', tools: refundTools, backend: h.backend }] } };
    const [mine, theirs] = await Promise.all([recoverSagas(h.runtime, options), recoverSagas(other.runtime, options)]);
    const recovered = [...mine, ...theirs];
    expect(recovered.map((r) => r.key).sort()).toEqual(keys);
    expect(recovered.every((r) => r.status === 'rolled_back')).toBe(true);
    for (const key of keys) {
      expect((await kit.compensations(key)).map((c) => c.step)).toEqual(['second', 'first']);
    }
    const balances = await h.runtime.db.query<{ balance: number }>(`SELECT balance FROM ${h.schema}.wallets`);
    expect(balances.every((b) => b.balance === 0)).toBe(true);

    // Run again, from both at once: nothing left to undo.
    clock += 10 * 60_000;
    expect(await Promise.all([recoverSagas(h.runtime, options), recoverSagas(other.runtime, options)])).toEqual([[], []]);
    for (const key of keys) expect(await kit.compensations(key)).toHaveLength(2);
    expect(await verifyLedger(h.runtime.db, h.runtime.schema, h.runtime.ledger.signer.publicKeys)).toMatchObject({ ok: true });
  });

  it('passes over a saga another process holds (SKIP LOCKED) instead of waiting for it', async () => {
    const kit = crashKit(h);
    await kit.crash([kit.refund('first', 'c0', 5), kit.hang().step], 'pg-held-1');
    clock += 10 * 60_000;
    const options = { olderThan: 5 * 60_000, compensations: { systems: [{ system: 'refunds', tools: refundTools, backend: h.backend }] } };
    await other.db.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM ${h.runtime.schema}.sagas WHERE key = 'pg-held-1' FOR UPDATE`);
      expect(await recoverSagas(h.runtime, options)).toEqual([]);
    });
    expect(await recoverSagas(h.runtime, options)).toMatchObject([{ key: 'pg-held-1', status: 'rolled_back', compensations: [{ step: 'first', outcome: 'ok' }] }]);
    expect(await h.balance('c0')).toBe(0);
  });
});
