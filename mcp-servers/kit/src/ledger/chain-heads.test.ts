import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { kitMigrations } from '../kit-migrations.ts';
import { dropPrefixedSchemas, testEngines, uniquePrefix, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';
import { compareHeads, parseHeadSnapshot, verifiedHeads } from './chain-heads.ts';
import { generateSigner } from './ledger-keys.ts';
import { createLedger } from './ledger.ts';
import { verifyLedger } from './verify-ledger.ts';

const prefix = uniquePrefix();
const signer = generateSigner();

describe.each(testEngines())('chain heads kept outside the database: $name', ({ open }) => {
  let db: Database;
  beforeAll(async () => void (db = await open()), DATABASE_START_TIMEOUT_MS);
  afterAll(async () => dropPrefixedSchemas(db, prefix));

  it('reports a chain cut back with its head rewound, which verify alone cannot see, and a rewritten chain', async () => {
    const schema = `${prefix}_cut`;
    await migrate(db, schema, kitMigrations);
    const ledger = createLedger(schema, signer);
    const append = (i: number, by = ledger) => db.transaction((tx) => by.append(tx, [{ kind: 'result', callId: `call-${i}`, orderId: `#W${i}`, data: { i } }], new Date()));
    for (let i = 1; i <= 3; i += 1) await append(i);
    const snapshot = parseHeadSnapshot(JSON.stringify(verifiedHeads(schema, await verifyLedger(db, schema, signer.publicKeys))), 'heads.json');
    expect(snapshot.heads).toEqual([{ chain: 1, seq: 3, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    await append(4); // growing past the snapshot is fine
    expect(await compareHeads(db, schema, snapshot)).toEqual([]);
    // The last two appends deleted, the head row set back to the entry before them: every chain check passes.
    await db.exec(`ALTER TABLE ${schema}.ledger DISABLE TRIGGER ledger_append_only; DELETE FROM ${schema}.ledger WHERE seq >= 3;
      ALTER TABLE ${schema}.ledger ENABLE TRIGGER ledger_append_only;
      UPDATE ${schema}.ledger_head SET seq = 2, hash = (SELECT hash FROM ${schema}.ledger WHERE seq = 2) WHERE id = 1`);
    expect(await verifyLedger(db, schema, signer.publicKeys)).toMatchObject({ ok: true, entries: 2 });
    expect(await compareHeads(db, schema, snapshot)).toEqual([`chain 1 had 3 entries at ${snapshot.takenAt} and now has 2: entries were removed from its end`]);
    // Another entry 3, signed anew (as whoever holds the key could; a fresh process, whose first append takes chain 1).
    await append(5, createLedger(schema, signer));
    expect(await compareHeads(db, schema, snapshot)).toEqual([`chain 1 entry 3 is not the one it was at ${snapshot.takenAt}: the chain was rewritten`]);
  });

  it('anchors only what the verification walked: entries appended after it are not in the snapshot', async () => {
    const schema = `${prefix}_late`;
    await migrate(db, schema, kitMigrations);
    const ledger = createLedger(schema, signer);
    const append = (i: number) => db.transaction((tx) => ledger.append(tx, [{ kind: 'result', callId: `late-${i}`, data: { i } }], new Date()));
    for (let i = 1; i <= 2; i += 1) await append(i);
    const verification = await verifyLedger(db, schema, signer.publicKeys);
    const [second] = await db.query<{ hash: string }>(`SELECT hash FROM ${schema}.ledger WHERE chain = 1 AND seq = 2`);
    expect(verification.chains.filter((c) => c.verifiedHead)).toEqual([expect.objectContaining({ chain: 1, entries: 2, verifiedHead: { seq: 2, hash: second!.hash } })]);
    await append(3); // between the verification and the snapshot, as in `ledger heads` on a live system
    expect(verifiedHeads(schema, verification).heads).toEqual([{ chain: 1, seq: 2, hash: second!.hash }]);
    // A ledger that did not verify gives no snapshot.
    expect(() => verifiedHeads(schema, { ...verification, ok: false })).toThrow(/did not verify: only a verified ledger's heads are worth anchoring/);
  });

  it('refuses a file that is not a snapshot, saying why', () => {
    expect(() => parseHeadSnapshot('{', 'h.json')).toThrow('h.json is not a ledger heads snapshot: not JSON');
    expect(() => parseHeadSnapshot('{"schema":"kit","takenAt":"x","heads":[{"chain":1,"seq":2,"hash":"zz"}]}', 'h.json')).toThrow(/h\.json is not a ledger heads snapshot .*heads\.0\.hash/);
  });
});
