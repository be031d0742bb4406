import { spawn } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createActionRuntime } from '../action-runtime.ts';
import type { Database } from '../db/database.ts';
import { signerFromPrivateKey } from './ledger-keys.ts';
import { migrateRefunds, testPolicy } from '../testing/refunds-system.ts';
import { dropPrefixedSchemas, sharedPostgres, testPostgresUrl, uniquePrefix } from '../testing/test-database.ts';
import { verifyLedger } from './verify-ledger.ts';

const WRITERS = 4;
const CALLS = 60;
const CONCURRENCY = 4;
const script = fileURLToPath(new URL('../testing/ledger-writer-process.ts', import.meta.url));
const prefix = uniquePrefix();
let db: Database | undefined;

function runWriter(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`writer ${env.WRITER_ID} exited with ${code}: ${err}`))));
  });
}

describe.skipIf(!testPostgresUrl())('ledger shared by server processes (PostgreSQL)', () => {
  afterAll(async () => {
    if (db) await dropPrefixedSchemas(db, prefix);
  });

  it('keeps every chain linear and verifiable while four processes append at once, each guessing heads', async () => {
    db = await sharedPostgres();
    const kitSchema = `${prefix}_kit`;
    const refundsSchema = `${prefix}_refunds`;
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const signer = signerFromPrivateKey(createPrivateKey(pem));
    await migrateRefunds(db, refundsSchema, Object.fromEntries(Array.from({ length: WRITERS * CALLS }, (_, i) => [`w${Math.floor(i / CALLS)}-c${i % CALLS}`, 0])));
    await createActionRuntime({ db, schema: kitSchema, policy: testPolicy(), signer }).ready();

    const outputs = await Promise.all(Array.from({ length: WRITERS }, (_, w) => runWriter({
      DATABASE_URL: testPostgresUrl()!, KIT_SCHEMA: kitSchema, REFUNDS_SCHEMA: refundsSchema, COMMERCE_LEDGER_SIGNING_KEY: pem,
      WRITER_ID: `w${w}`, WRITER_CALLS: String(CALLS), WRITER_CONCURRENCY: String(CONCURRENCY), LOG_LEVEL: 'warn',
    })));
    expect(outputs.map((o) => JSON.parse(o) as { calls: number }).map((o) => o.calls)).toEqual(Array(WRITERS).fill(CALLS));

    const [refunds] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${refundsSchema}.refunds`);
    expect(refunds!.n).toBe(WRITERS * CALLS);
    const result = await verifyLedger(db, kitSchema, signer.publicKeys);
    // intent, decision, result per call; every chain contiguous, linked, signed and matching its head.
    expect(result).toMatchObject({ ok: true, entries: WRITERS * CALLS * 3, headSeq: WRITERS * CALLS * 3 });
    const perCall = await db.query<{ chains: number; entries: number }>(
      `SELECT count(DISTINCT chain)::int AS chains, count(*)::int AS entries FROM ${kitSchema}.ledger GROUP BY call_id`,
    );
    expect(perCall).toHaveLength(WRITERS * CALLS);
    expect(perCall.every((c) => c.chains === 1 && c.entries === 3)).toBe(true); // a call's entries stay in one chain
  }, 120_000);
});
