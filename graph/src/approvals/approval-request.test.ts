import { describe, expect, it } from 'vitest';
import { approvalDecisionSchema, approvalRequestFrom } from './approval-request.ts';
import { argumentsHash, idempotencyKeyFor } from './canonical-hash.ts';

const base = { tool: 'exchange_delivered_order_items', what: 'Exchange ...', message: 'needs approval', args: { order_id: '#W1', item_ids: ['1'] }, toolCallId: 'c1', agent: 'returns' };

describe('approval requests', () => {
  it("reads the kit's nested approval details", () => {
    const request = approvalRequestFrom({ ...base, details: { approval: { id: 'apr_1', argsHash: 'ab'.repeat(32), amount: 412.5, reason: 'needs approval because refund 412.50 > 250.00' } } });
    expect(request).toMatchObject({ type: 'approval_request', approvalId: 'apr_1', amount: 412.5, why: 'needs approval because refund 412.50 > 250.00', argumentsHash: 'ab'.repeat(32) });
  });

  it('refuses an APPROVAL_REQUIRED without an approval id, naming what it got', () => {
    expect(() => approvalRequestFrom({ ...base, details: { foo: 1 } })).toThrow(/without an approval id in its details: \{"foo":1\}/);
  });

  it('validates operator decisions', () => {
    expect(approvalDecisionSchema.safeParse({ decision: 'approve' }).success).toBe(true);
    expect(approvalDecisionSchema.safeParse({ decision: 'edit' }).success).toBe(false);
    expect(approvalDecisionSchema.safeParse({ decision: 'maybe' }).success).toBe(false);
  });
});

describe('keys and hashes', () => {
  it('hashes arguments independently of key order', () => {
    expect(argumentsHash({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(argumentsHash({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(argumentsHash({ a: 1 })).not.toBe(argumentsHash({ a: 2 }));
  });

  it('derives stable, valid idempotency keys per thread and tool call', () => {
    const key = idempotencyKeyFor('thread-1', 'call_1');
    expect(key).toBe(idempotencyKeyFor('thread-1', 'call_1'));
    expect(key).not.toBe(idempotencyKeyFor('thread-2', 'call_1'));
    expect(key).toMatch(/^[A-Za-z0-9._:-]{8,200}$/);
  });
});
