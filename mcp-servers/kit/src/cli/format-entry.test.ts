import { describe, expect, it } from 'vitest';
import { formatEntry } from './format-entry.ts';

const entry = { kind: 'intent' as const, system: 'oms', tool: 'cancel_order', data: { arguments: { order_id: '#W1' } }, at: '2026-11-01T00:00:00.000Z', prev: '', hash: '', keyId: 'k', signature: '' };

describe('a ledger entry as one line', () => {
  it('places the entry by chain and seq, so entries of different chains are told apart', () => {
    expect(formatEntry({ ...entry, chain: 3, seq: 17 })).toMatch(/^3\/17 +2026-11-01T00:00:00.000Z  intent +oms\.cancel_order /);
    expect(formatEntry({ ...entry, chain: 1, seq: 17 })).toMatch(/^1\/17 /);
  });

  it('names the principal by its kind, then its id (not run together as agent:agent:x)', () => {
    expect(formatEntry({ ...entry, chain: 1, seq: 1, principal: { kind: 'agent', id: 'agent:x' } })).toContain(' agent agent:x ');
    expect(formatEntry({ ...entry, chain: 1, seq: 1, principal: { kind: 'agent', id: 'agent:x' } })).not.toContain('agent:agent:x');
    expect(formatEntry({ ...entry, chain: 1, seq: 1 })).toMatch(/oms\.cancel_order +- +asked/);
  });
});
