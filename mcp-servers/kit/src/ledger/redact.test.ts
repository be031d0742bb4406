import { describe, expect, it } from 'vitest';
import { fingerprint, redact } from './redact.ts';

describe('redact', () => {
  it('fingerprints personal data and keeps the ids entries are matched by', () => {
    const out = redact({
      order_id: '#W2611340', user_id: 'sara_doe_496', payment_method_id: 'credit_card_1234567', item_ids: ['6469567736'],
      address1: '215 River Road', zip: '10083', city: 'New York', email: 'Sara.Doe@example.com', last_four: '4242',
      note: 'call me at 555-123-4567 or sara@example.com, card 4111 1111 1111 1111',
    }) as Record<string, unknown>;
    expect(out).toMatchObject({ order_id: '#W2611340', user_id: 'sara_doe_496', payment_method_id: 'credit_card_1234567', item_ids: ['6469567736'], city: 'New York', last_four: '[redacted]' });
    expect(out.email).toBe(fingerprint('sara.doe@example.com'));
    expect(out.address1).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(out.note).toBe(`call me at ${fingerprint('5551234567')} or ${fingerprint('sara@example.com')}, card [card]`);
  });

  it('keeps what an error says (redacted), its fields and its cause', () => {
    const cause = Object.assign(new Error('connection to sara@example.com refused'), { code: 'ECONNREFUSED' });
    const out = redact(Object.assign(new Error('lookup failed', { cause }), { code: '57P01', email: 'sara@example.com' })) as Record<string, unknown>;
    expect(out).toMatchObject({ type: 'Error', message: 'lookup failed', code: '57P01', email: fingerprint('sara@example.com') });
    expect(out.stack).toMatch(/^Error: lookup failed\n\s+at /);
    expect(out.cause).toMatchObject({ type: 'Error', message: `connection to ${fingerprint('sara@example.com')} refused`, code: 'ECONNREFUSED' });
  });

  it('marks an object that refers back to itself instead of recursing without end', () => {
    const order: Record<string, unknown> = { order_id: '#W1', email: 'sara@example.com' };
    order.self = order;
    const error = new Error('loop');
    (error as { cause?: unknown }).cause = error;
    expect(redact({ order, error })).toMatchObject({ order: { order_id: '#W1', email: fingerprint('sara@example.com'), self: '[circular]' }, error: { message: 'loop', cause: '[circular]' } });
    const item = { item_id: '1', price: 9.5 };
    expect(redact({ first: item, again: item })).toEqual({ first: item, again: item }); // shared, not circular: both kept
  });
});

