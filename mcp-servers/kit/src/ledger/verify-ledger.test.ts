import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { kitMigrations } from '../kit-migrations.ts';
import { dropPrefixedSchemas, testEngines, uniquePrefix, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';
import type { LedgerRecord } from './ledger-entry.ts';
import { generateSigner } from './ledger-keys.ts';
import { createLedger, type Ledger } from './ledger.ts';
import { verifyLedger } from './verify-ledger.ts';

const prefix = uniquePrefix();
const signer = generateSigner();
const record = (i: number): LedgerRecord => ({
  kind: 'result', callId: `call-${i}`, system: 'oms', tool: 'cancel_order', action: 'cancel', principal: { kind: 'agent', id: 'agent:bot' },
  orderId: '#W1', customerId: 'alice', data: { amount: i },
});

/** A fresh kit schema with one entry per append, a minute apart, all about order #W1. */
async function ledgerWith(db: Database, name: string, n: number): Promise<{ ledger: Ledger; schema: string }> {
  const schema = `${prefix}_${name}`;
  await migrate(db, schema, kitMigrations);
  const ledger = createLedger(schema, signer);
  for (let i = 1; i <= n; i += 1) await db.transaction((tx) => ledger.append(tx, [record(i)], new Date(Date.UTC(2026, 10, 1, 0, i))));
  return { ledger, schema };
}

/** What an attacker with table-owner rights does: switch off the append-only trigger, edit, switch it back on. */
const tamper = (db: Database, schema: string, sql: string) =>
  db.exec(`ALTER TABLE ${schema}.ledger DISABLE TRIGGER ledger_append_only; ${sql}; ALTER TABLE ${schema}.ledger ENABLE TRIGGER ledger_append_only;`);

describe.each(testEngines())('verifying the columns copied from the signed body: $name', ({ open }) => {
  let db: Database;
  beforeAll(async () => void (db = await open()), DATABASE_START_TIMEOUT_MS);
  afterAll(async () => dropPrefixedSchemas(db, prefix));

  it.each([
    ['at', `'2000-01-01T00:00:00Z'`],
    ['at', `at + interval '1 microsecond'`],
    ['principal_id', `'op:mallory'`],
    ['system', `'wms'`],
    ['tool', `'issue_refund'`],
    ['action', `'refund'`],
    ['system', 'NULL'],
  ])('reports an edited %s column (set to %s) as a modified entry', async (column, value) => {
    const l = await ledgerWith(db, `col_${column}_${value.replace(/\W/g, '').slice(0, 12)}`.toLowerCase(), 3);
    expect(await verifyLedger(db, l.schema, signer.publicKeys)).toMatchObject({ ok: true, entries: 3 });
    await tamper(db, l.schema, `UPDATE ${l.schema}.ledger SET ${column} = ${value} WHERE seq = 2`);
    expect((await verifyLedger(db, l.schema, signer.publicKeys)).firstProblem).toMatchObject({
      chain: 1, seq: 2, problem: 'modified', message: expect.stringContaining(`column ${column} `),
    });
  });

  it('orders histories by the signed time, and reports an edited pos (the tie-break) where its chain goes back', async () => {
    const l = await ledgerWith(db, 'pos', 3);
    // The first entry is given the highest insertion position: its history stays in signed-time order.
    await tamper(db, l.schema, `UPDATE ${l.schema}.ledger SET pos = 1000000 WHERE seq = 1`);
    expect((await l.ledger.find(db, { orderId: '#W1' })).map((e) => e.callId)).toEqual(['call-1', 'call-2', 'call-3']);
    expect((await verifyLedger(db, l.schema, signer.publicKeys)).firstProblem).toMatchObject({
      chain: 1, seq: 2, problem: 'out_of_order', message: expect.stringContaining('column pos'),
    });
  });

  it('orders entries of the same time by insertion', async () => {
    const l = await ledgerWith(db, 'tie', 0);
    const at = new Date('2026-11-01T00:00:00Z');
    for (const i of [3, 1, 2]) await db.transaction((tx) => l.ledger.append(tx, [record(i)], at));
    expect((await l.ledger.find(db, { orderId: '#W1' })).map((e) => e.callId)).toEqual(['call-3', 'call-1', 'call-2']);
    expect(await verifyLedger(db, l.schema, signer.publicKeys)).toMatchObject({ ok: true, entries: 3 });
  });
});
