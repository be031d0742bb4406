import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { kitMigrations, LEDGER_CHAINS } from '../kit-migrations.ts';
import { dropPrefixedSchemas, testEngines, uniquePrefix, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';
import { createLedger, type Ledger } from './ledger.ts';
import { entryBody, hashBody, type LedgerRecord } from './ledger-entry.ts';
import { generateSigner } from './ledger-keys.ts';
import { verifyLedger } from './verify-ledger.ts';
import { REFUSALS, refusalOf } from '../write-refusal.ts';

const prefix = uniquePrefix();
const record = (i: number): LedgerRecord => ({ kind: 'result', callId: `call-${i}`, orderId: `#W${i}`, customerId: 'alice', data: { amount: i } });

/** A fresh kit schema with `n` signed entries. */
async function ledgerWith(db: Database, name: string, n: number): Promise<{ ledger: Ledger; schema: string }> {
  const schema = `${prefix}_${name}`;
  await migrate(db, schema, kitMigrations);
  const ledger = createLedger(schema, generateSigner());
  await db.transaction((tx) => ledger.append(tx, Array.from({ length: n }, (_, i) => record(i + 1)), new Date('2026-11-01T00:00:00Z')));
  return { ledger, schema };
}

/** What an attacker with table-owner rights does: switch off the append-only trigger, edit, switch it back on. */
async function tamper(db: Database, schema: string, sql: string): Promise<void> {
  await db.exec(`ALTER TABLE ${schema}.ledger DISABLE TRIGGER ledger_append_only; ${sql}; ALTER TABLE ${schema}.ledger ENABLE TRIGGER ledger_append_only;`);
}

const verify = (db: Database, l: { ledger: Ledger; schema: string }) => verifyLedger(db, l.schema, l.ledger.signer.publicKeys);

describe.each(testEngines())('signed ledger: $name', ({ name, open }) => {
  let db: Database;
  beforeAll(async () => void (db = await open()), DATABASE_START_TIMEOUT_MS);
  afterAll(async () => dropPrefixedSchemas(db, prefix));

  it('verifies an untouched chain across pages', async () => {
    const l = await ledgerWith(db, 'ok', 25);
    expect(await verifyLedger(db, l.schema, l.ledger.signer.publicKeys, 7)).toMatchObject({ ok: true, entries: 25, headSeq: 25 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of ledger rows', async () => {
    const l = await ledgerWith(db, 'ro', 2);
    await expect(db.query(`UPDATE ${l.schema}.ledger SET order_id = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.query(`DELETE FROM ${l.schema}.ledger WHERE seq = 1`)).rejects.toThrow(/append-only: DELETE/);
    await expect(db.query(`TRUNCATE ${l.schema}.ledger`)).rejects.toThrow(/append-only: TRUNCATE/);
    expect((await verify(db, l)).entries).toBe(2);
  });

  it('signs each append once, on its last entry, whose hash covers the others', async () => {
    const l = await ledgerWith(db, 'sig', 3);
    await db.transaction((tx) => l.ledger.append(tx, [record(4)], new Date('2026-11-01T00:00:00Z')));
    const rows = await db.query<{ seq: number; signature: string }>(`SELECT seq, signature FROM ${l.schema}.ledger ORDER BY seq`);
    expect(rows.map((r) => r.signature !== '')).toEqual([false, false, true, true]);
    expect(await verify(db, l)).toMatchObject({ ok: true, entries: 4 });
  });

  it('detects covered entries rewritten with recomputed hashes and links, at the signature that covers them', async () => {
    const l = await ledgerWith(db, 'rewrite', 5);
    const rows = await db.query<{ seq: number; body: string }>(`SELECT seq, body FROM ${l.schema}.ledger ORDER BY seq`);
    // An attacker edits entry 2 and re-chains 2..5 consistently; entry 5 keeps its (now wrong) signature.
    let prev = (await db.query<{ hash: string }>(`SELECT hash FROM ${l.schema}.ledger WHERE seq = 1`))[0]!.hash;
    const updates: string[] = [];
    for (const row of rows.slice(1)) {
      const body = JSON.parse(row.body) as Parameters<typeof entryBody>[0];
      const forged = entryBody({ ...body, prev, data: row.seq === 2 ? { amount: 2000 } : body.data });
      prev = hashBody(forged);
      updates.push(`UPDATE ${l.schema}.ledger SET body = '${forged}', hash = '${prev}' WHERE seq = ${row.seq}`);
    }
    await tamper(db, l.schema, `${updates.join('; ')}; UPDATE ${l.schema}.ledger_head SET hash = '${prev}' WHERE id = 1`);
    const result = await verify(db, l);
    expect(result.firstProblem).toMatchObject({ seq: 5, problem: 'bad_signature', message: expect.stringContaining('entries 1-4, which it covers') });
    expect(result.entries).toBe(0);
  });

  it('reports a bad signature before a later problem, and before a broken link on the same entry (signatures are checked concurrently)', async () => {
    const l = await ledgerWith(db, 'sigorder', 1);
    for (let i = 2; i <= 6; i += 1) await db.transaction((tx) => l.ledger.append(tx, [record(i)], new Date('2026-11-01T00:00:00Z')));
    const [other] = await db.query<{ signature: string }>(`SELECT signature FROM ${l.schema}.ledger WHERE seq = 1`);
    // Entry 3 gets entry 1's signature (valid base64, wrong for its hash); entry 5's body is edited (hash mismatch).
    await tamper(db, l.schema, `UPDATE ${l.schema}.ledger SET signature = '${other!.signature}' WHERE seq = 3;
      UPDATE ${l.schema}.ledger SET body = replace(body, '"amount":5', '"amount":50') WHERE seq = 5`);
    for (const pageSize of [5000, 2]) { // one page; pages of 2 (the bad signature is in the page before the edit)
      const result = await verifyLedger(db, l.schema, l.ledger.signer.publicKeys, pageSize);
      expect(result.firstProblem).toMatchObject({ seq: 3, problem: 'bad_signature' });
      expect(result.entries).toBe(2);
    }
    // A bad signature and a broken link on one entry: the signature is reported, as it is checked first.
    const both = await ledgerWith(db, 'sigandlink', 1);
    for (let i = 2; i <= 3; i += 1) await db.transaction((tx) => both.ledger.append(tx, [record(i)], new Date('2026-11-01T00:00:00Z')));
    const [first] = await db.query<{ signature: string }>(`SELECT signature FROM ${both.schema}.ledger WHERE seq = 1`);
    const [row] = await db.query<{ body: string }>(`SELECT body FROM ${both.schema}.ledger WHERE seq = 3`);
    const relinked = entryBody({ ...(JSON.parse(row!.body) as Parameters<typeof entryBody>[0]), prev: 'f'.repeat(64) });
    await tamper(db, both.schema, `UPDATE ${both.schema}.ledger SET body = '${relinked}', hash = '${hashBody(relinked)}', signature = '${first!.signature}' WHERE seq = 3`);
    expect((await verify(db, both)).firstProblem).toMatchObject({ seq: 3, problem: 'bad_signature' });
  });

  it('detects a chain that ends in entries no signature covers', async () => {
    const l = await ledgerWith(db, 'tail', 5);
    // The signed last entry is deleted and the head rewound to the one before it: the head agrees, the signature is gone.
    await tamper(db, l.schema, `DELETE FROM ${l.schema}.ledger WHERE seq = 5;
      UPDATE ${l.schema}.ledger_head SET seq = 4, hash = (SELECT hash FROM ${l.schema}.ledger WHERE seq = 4) WHERE id = 1`);
    expect((await verify(db, l)).firstProblem).toMatchObject({ seq: 1, problem: 'unsigned', message: expect.stringContaining('entries 1-4 are not covered') });
  });

  it('detects a modified entry', async () => {
    const l = await ledgerWith(db, 'mod', 5);
    await tamper(db, l.schema, `UPDATE ${l.schema}.ledger SET body = replace(body, '"amount":3', '"amount":300') WHERE seq = 3`);
    expect((await verify(db, l)).firstProblem).toMatchObject({ seq: 3, problem: 'modified' });
  });

  it('detects a modified index column even when the signed body is intact', async () => {
    const l = await ledgerWith(db, 'col', 5);
    await tamper(db, l.schema, `UPDATE ${l.schema}.ledger SET order_id = '#W999' WHERE seq = 2`);
    expect((await verify(db, l)).firstProblem).toMatchObject({ seq: 2, problem: 'modified', message: expect.stringContaining('order_id') });
  });

  it('detects a deleted entry, in the middle and at the end', async () => {
    const middle = await ledgerWith(db, 'delm', 5);
    await tamper(db, middle.schema, `DELETE FROM ${middle.schema}.ledger WHERE seq = 3`);
    expect((await verify(db, middle)).firstProblem).toMatchObject({ seq: 4, problem: 'missing' });
    // Deleting the last entry of a later append: the head still names it.
    const tail = await ledgerWith(db, 'delt', 5);
    await db.transaction((tx) => tail.ledger.append(tx, [record(6)], new Date()));
    await tamper(db, tail.schema, `DELETE FROM ${tail.schema}.ledger WHERE seq = 6`);
    expect((await verify(db, tail)).firstProblem).toMatchObject({ seq: 5, problem: 'head_mismatch' });
    // Deleting the signed entry that ends an append leaves the entries before it uncovered.
    const signed = await ledgerWith(db, 'delu', 5);
    await tamper(db, signed.schema, `DELETE FROM ${signed.schema}.ledger WHERE seq = 5`);
    expect((await verify(db, signed)).firstProblem).toMatchObject({ seq: 1, problem: 'unsigned' });
  });

  it('detects an inserted entry forged with another key', async () => {
    const l = await ledgerWith(db, 'ins', 5);
    const forger = generateSigner();
    const [prev] = await db.query<{ hash: string }>(`SELECT hash FROM ${l.schema}.ledger WHERE seq = 2`);
    const body = entryBody({ ...record(99), chain: 1, seq: 3, at: '2026-11-01T00:00:00.000Z', prev: prev!.hash, keyId: forger.keyId });
    const hash = hashBody(body);
    await tamper(db, l.schema, `UPDATE ${l.schema}.ledger SET seq = seq + 100 WHERE seq >= 3;
      UPDATE ${l.schema}.ledger SET seq = seq - 99 WHERE seq >= 103;
      INSERT INTO ${l.schema}.ledger (chain, seq, at, kind, call_id, customer_id, order_id, body, hash, key_id, signature)
        VALUES (1, 3, '2026-11-01T00:00:00Z', 'result', 'call-99', 'alice', '#W99', '${body}', '${hash}', '${forger.keyId}', '${forger.sign(hash)}')`);
    expect((await verify(db, l)).firstProblem).toMatchObject({ seq: 3, problem: 'unknown_key' });
  });

  it('detects reordered entries', async () => {
    const l = await ledgerWith(db, 'swap', 5);
    await tamper(db, l.schema, `UPDATE ${l.schema}.ledger SET seq = 100 WHERE seq = 2; UPDATE ${l.schema}.ledger SET seq = 2 WHERE seq = 4;
      UPDATE ${l.schema}.ledger SET seq = 4 WHERE seq = 100`);
    expect((await verify(db, l)).firstProblem).toMatchObject({ seq: 2, problem: 'out_of_order' });
  });

  it('keeps every chain linear under concurrent appends, each transaction in one chain', async () => {
    const l = await ledgerWith(db, 'conc', 0);
    await Promise.all(Array.from({ length: 20 }, (_, i) => db.transaction((tx) => l.ledger.append(tx, [record(i), record(i + 100)], new Date()))));
    const result = await verify(db, l);
    expect(result).toMatchObject({ ok: true, entries: 40, headSeq: 40 });
    expect(result.chains).toHaveLength(LEDGER_CHAINS);
    const rows = await db.query<{ call_id: string; chain: number }>(`SELECT call_id, chain FROM ${l.schema}.ledger`);
    const chain = new Map(rows.map((r) => [r.call_id, r.chain]));
    for (let i = 0; i < 20; i += 1) expect(chain.get(`call-${i + 100}`)).toBe(chain.get(`call-${i}`));
  });

  it('detects an entry moved to another chain', async () => {
    const l = await ledgerWith(db, 'move', 5);
    await tamper(db, l.schema, `UPDATE ${l.schema}.ledger SET chain = 3, seq = 1 WHERE seq = 3;
      UPDATE ${l.schema}.ledger_head SET seq = 1, hash = (SELECT hash FROM ${l.schema}.ledger WHERE chain = 3) WHERE id = 3`);
    const result = await verify(db, l);
    expect(result.firstProblem).toMatchObject({ chain: 1, seq: 4, problem: 'missing' });
    expect(result.chains.find((c) => c.chain === 3)?.firstProblem).toMatchObject({ chain: 3, seq: 1, problem: 'modified', message: expect.stringContaining('signed in chain 1') });
  });

  it.skipIf(name === 'pglite')('appends overlapping transactions to different chains and reports the first bad entry of each', async () => {
    const l = await ledgerWith(db, 'multi', 0);
    // While the first transaction holds chain 1, the second takes chain 2 instead of waiting for it.
    await db.transaction(async (first) => {
      const [a] = await l.ledger.append(first, [record(1), record(2)], new Date());
      const [b] = await db.transaction((second) => l.ledger.append(second, [record(3), record(4)], new Date()));
      expect([a!.chain, b!.chain]).toEqual([1, 2]);
    });
    // The next append guesses the head this process wrote last (chain 2: chain 1's guess went stale while the first
    // transaction was open) and writes without locking first.
    await db.transaction((tx) => l.ledger.append(tx, [record(5)], new Date()));
    expect(await verify(db, l)).toMatchObject({ ok: true, entries: 5, headSeq: 5 });
    // Histories read in insertion order (across chains).
    expect((await l.ledger.find(db, { customerId: 'alice' })).map((e) => [e.callId, e.chain, e.seq])).toEqual([
      ['call-1', 1, 1], ['call-2', 1, 2], ['call-3', 2, 1], ['call-4', 2, 2], ['call-5', 2, 3],
    ]);
    await tamper(db, l.schema, `UPDATE ${l.schema}.ledger SET body = replace(body, '"amount":2', '"amount":200') WHERE call_id = 'call-2';
      DELETE FROM ${l.schema}.ledger WHERE call_id = 'call-3'`);
    const result = await verify(db, l);
    expect(result.firstProblem).toMatchObject({ chain: 1, seq: 2, problem: 'modified' });
    expect(result.chains.filter((c) => c.firstProblem).map((c) => [c.chain, c.firstProblem!.seq, c.firstProblem!.problem])).toEqual([[1, 2, 'modified'], [2, 2, 'missing']]);
  });

  it('reports how each append took its head: locked, guessed, or a stale guess another writer had moved', async () => {
    const l = await ledgerWith(db, 'paths', 0);
    const paths: string[] = [];
    const mine = createLedger(l.schema, l.ledger.signer, { onAppend: (path) => paths.push(path) });
    const other = createLedger(l.schema, l.ledger.signer);
    await db.transaction((tx) => mine.append(tx, [record(1)], new Date()));
    await db.transaction((tx) => mine.append(tx, [record(2)], new Date()));
    await db.transaction((tx) => other.append(tx, [record(3)], new Date()));
    await db.transaction((tx) => mine.append(tx, [record(4)], new Date()));
    expect(paths).toEqual(['locked', 'guessed', 'stale_guess', 'locked']);
    expect(await verify(db, l)).toMatchObject({ ok: true, entries: 4 });
  });

  it('as a transaction\'s last statement, refuses a stale guess by raising (rolling back) and appends on the locked path when told not to guess', async () => {
    const l = await ledgerWith(db, 'final', 0);
    const paths: string[] = [];
    const mine = createLedger(l.schema, l.ledger.signer, { onAppend: (path) => paths.push(path) });
    const other = createLedger(l.schema, l.ledger.signer);
    const alongside = { ctes: `noted AS (INSERT INTO ${l.schema}.conversation_bindings VALUES ($1, 'alice', now()) RETURNING 1)`, params: [] as unknown[] };
    const final = (id: string, guess = true) => db.transaction((tx) => mine.appendWith(tx, [record(Number(id))], new Date(), { ...alongside, params: [`conv-${id}`] }, undefined, { final: true, guess }));
    await final('1');
    await final('2'); // on its guess
    await db.transaction((tx) => other.append(tx, [record(3)], new Date())); // moves the head mine guesses
    const stale = await final('4').then(() => undefined, (error: unknown) => error);
    expect(refusalOf(stale)).toBe('staleHead');
    expect(stale).toMatchObject({ code: REFUSALS.staleHead, message: 'the guessed ledger chain head had moved' });
    // Nothing of that transaction stayed: no entry, no row of the statement's other parts.
    const bound = await db.query<{ id: string }>(`SELECT conversation_id AS id FROM ${l.schema}.conversation_bindings ORDER BY 1`);
    expect(bound.map((r) => r.id)).toEqual(['conv-1', 'conv-2']);
    await final('4', false);
    expect(paths).toEqual(['locked', 'guessed', 'stale_guess', 'locked']);
    expect(await verify(db, l)).toMatchObject({ ok: true, entries: 4 });
    expect((await l.ledger.find(db, { customerId: 'alice' })).map((e) => e.callId)).toEqual(['call-1', 'call-2', 'call-3', 'call-4']);
  });

  it('appends on a guessed head only while it is current: another writer or a rollback sends it to the locked path', async () => {
    const l = await ledgerWith(db, 'guess', 0);
    const other = createLedger(l.schema, l.ledger.signer); // another process, with its own knowledge of the heads
    await db.transaction((tx) => l.ledger.append(tx, [record(1)], new Date()));
    await db.transaction((tx) => other.append(tx, [record(2)], new Date())); // l's guess for chain 1 is now stale
    await db.transaction((tx) => l.ledger.append(tx, [record(3)], new Date()));
    await expect(db.transaction(async (tx) => {
      await l.ledger.append(tx, [record(4)], new Date());
      throw new Error('the effect failed');
    })).rejects.toThrow('the effect failed'); // l now guesses a head that was rolled back
    await db.transaction((tx) => l.ledger.append(tx, [record(5)], new Date()));
    await db.transaction((tx) => other.append(tx, [record(6)], new Date()));
    const result = await verify(db, l);
    expect(result).toMatchObject({ ok: true, entries: 5, headSeq: 5 });
    const rows = await db.query<{ call_id: string; chain: number; seq: number }>(`SELECT call_id, chain, seq FROM ${l.schema}.ledger ORDER BY pos`);
    // A stale guess moves this process to a chain the other one does not use, so they stop invalidating each other.
    expect(rows.map((r) => [r.call_id, r.chain, r.seq])).toEqual([['call-1', 1, 1], ['call-2', 1, 2], ['call-3', 2, 1], ['call-5', 3, 1], ['call-6', 1, 3]]);
  });
});
