import { describe, expect, it } from 'vitest';
import { kitDecision } from './kit-decision.ts';

describe('kitDecision', () => {
  it('leaves a pending or unknown approval to the operator', () => {
    expect(kitDecision({ id: 'apr_1', status: 'pending' })).toBeUndefined();
    expect(kitDecision(undefined)).toBeUndefined();
  });

  it('resumes an expired approval as not approved, saying it expired', () => {
    const settled = kitDecision({ id: 'apr_1', status: 'expired', expiresAt: '2030-01-01T00:00:00.000Z' });
    expect(settled?.decision).toEqual({ decision: 'reject', expired: true, note: expect.stringContaining('approval apr_1 expired at 2030-01-01T00:00:00.000Z') });
    expect(settled?.notice).toContain('had expired');
  });

  it('keeps the decision an operator made elsewhere, edited arguments included', () => {
    expect(kitDecision({ id: 'apr_1', status: 'rejected', resolvedBy: 'op:cli', note: 'no stock' })?.decision).toEqual({ decision: 'reject', note: 'no stock' });
    expect(kitDecision({ id: 'apr_1', status: 'approved', resolvedBy: 'op:cli' })).toEqual({ decision: { decision: 'approve' }, notice: expect.stringContaining('already approved by op:cli') });
    expect(kitDecision({ id: 'apr_1', status: 'approved', edited: true, arguments: { qty: 1 } })?.decision).toEqual({ decision: 'edit', arguments: { qty: 1 } });
  });
});
