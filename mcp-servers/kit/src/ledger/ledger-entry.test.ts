import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json.ts';
import { entryBody, type LedgerEntry } from './ledger-entry.ts';

const signedFields = (e: Partial<LedgerEntry>) => {
  const { hash: _hash, signature: _signature, ...fields } = e;
  return fields;
};

describe('entryBody', () => {
  it('is the canonical JSON of every signed field (hash and signature excluded), with undefined fields left out', () => {
    const entries: Array<Omit<LedgerEntry, 'chain'> & { chain?: number }> = [
      {
        kind: 'result', callId: 'call-1', system: 'oms', tool: 'return_delivered_order_items', action: 'order.return',
        principal: { kind: 'agent', id: 'agent:support' }, conversationId: 'conv-9', customerId: 'c1', orderId: '#W1',
        data: { output: { z: [1, { b: 2, a: null }], a: 'é "q"' }, evidence: [], durationMs: 1.25 },
        chain: 3, seq: 12, at: '2026-11-28T10:00:00.000Z', prev: 'a'.repeat(64), keyId: 'key1', hash: 'h', signature: 's',
      },
      { kind: 'approval_expired', data: {}, seq: 1, at: '2026-11-28T10:00:00.000Z', prev: '0'.repeat(64), keyId: 'key1', hash: '', signature: '' },
      { kind: 'intent', callId: undefined, principal: undefined, data: { arguments: { b: undefined, a: 1 } }, chain: 1, seq: 2, at: 'x', prev: 'y', keyId: 'k', hash: '', signature: '' },
    ];
    for (const entry of entries) expect(entryBody(entry)).toBe(canonicalJson(signedFields(entry)));
  });
});
