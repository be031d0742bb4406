import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { DATABASE_START_TIMEOUT_MS, sharedPglite } from '../testing/test-database.ts';
import { fingerprint } from './redact.ts';
import { verifyLedger } from './verify-ledger.ts';

const NOTE = 'spoke to Sam Smith at sam.smith@example.com / 555-123-4567, card 4111 1111 1111 1111, lives 12 Privet Drive';
// The card as written, not any "4111": a body's hashes, signature and call id are hex or base64 and may hold that.
const PII = /example\.com|555-123|4111 1111|Privet/;

describe('ledger PII redaction', () => {
  let db: Database;
  let h: KitHarness;
  beforeAll(async () => {
    db = await sharedPglite();
    h = await kitHarness(db);
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  const bodies = async () => (await db.query<{ kind: string; body: string }>(`SELECT kind, body FROM ${h.runtime.schema}.ledger ORDER BY pos`))
    .map((row) => ({ kind: row.kind, body: row.body, data: (JSON.parse(row.body) as { data: Record<string, unknown> }).data }));

  it('stores a rejection note and the refusal it causes redacted, still matchable, and the chain verifies', async () => {
    const asked = await h.call(principals.alice, 'issue_refund', { customer_id: 'alice', order_id: '#T1', amount: 300 });
    const id = JSON.stringify(asked).match(/apr_[0-9a-f]+/)?.[0];
    expect(id).toBeDefined();
    await h.runtime.approvals.reject(id!, principals.operator, { note: NOTE });
    const retried = await h.call(principals.alice, 'issue_refund', { customer_id: 'alice', order_id: '#T1', amount: 300, approval_id: id });
    expect(retried.isError).toBe(true);

    const entries = await bodies();
    expect(entries.filter((e) => PII.test(e.body))).toEqual([]);
    const redactedNote = `spoke to Sam Smith at ${fingerprint('sam.smith@example.com')} / ${fingerprint('5551234567')}, card [card], lives ${fingerprint('12 Privet Drive')}`;
    expect(entries.find((e) => e.kind === 'approval_rejected')?.data).toMatchObject({ approvalId: id, note: redactedNote, argsHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const error = entries.find((e) => e.kind === 'error' && String(e.data.message).includes('rejected'));
    expect(error?.data.message).toContain(redactedNote);
    // Still found by the order and the customer it concerns.
    const byOrder = await h.runtime.ledger.find(db, { orderId: '#T1' });
    expect(byOrder.map((e) => e.kind)).toEqual(expect.arrayContaining(['intent', 'approval_rejected', 'error']));
    expect(byOrder.every((e) => e.customerId === 'alice')).toBe(true);
    expect(await verifyLedger(db, h.runtime.schema, h.runtime.ledger.signer.publicKeys)).toMatchObject({ ok: true });
  });

  it('redacts every record appended directly, whoever built it', async () => {
    const [entry] = await db.transaction((tx) => h.runtime.ledger.append(tx, [{
      kind: 'compensation', callId: 'saga:x', orderId: '#W1234567', customerId: 'sara_doe_496',
      data: { step: 'refund', outcome: 'failed', error: 'card 4111111111111111 declined for sara@example.com', address: { zip: '90210', city: 'Austin' } },
    }], new Date()));
    expect(entry!.data).toEqual({ step: 'refund', outcome: 'failed', error: `card [card] declined for ${fingerprint('sara@example.com')}`, address: { zip: fingerprint('90210'), city: 'Austin' } });
    expect(entry).toMatchObject({ orderId: '#W1234567', customerId: 'sara_doe_496' });
    expect((await bodies()).at(-1)?.data).toEqual(entry!.data);
    expect(await verifyLedger(db, h.runtime.schema, h.runtime.ledger.signer.publicKeys)).toMatchObject({ ok: true });
  });
});
