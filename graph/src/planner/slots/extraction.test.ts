import { describe, expect, it } from 'vitest';
import { extractAddress } from './address.ts';
import { extractCancelReason } from './cancel-reason.ts';
import { extractEmails, extractName, extractZip } from './identity.ts';
import { extractOrderIds } from './order-ids.ts';
import { extractAmount, extractQuantity, extractWhen } from './when.ts';

describe('slot extraction', () => {
  it('reads order ids in the forms customers type them', () => {
    expect(extractOrderIds('orders #W6067464, w 1234567 and order number 7654321')).toEqual(['#W6067464', '#W1234567', '#W7654321']);
  });

  it('reads emails, names and zip codes', () => {
    expect(extractEmails('it is James.Li4495@example.com.')).toEqual(['james.li4495@example.com']);
    expect(extractName('my name is omar anderson and my zip is 19031')).toEqual({ firstName: 'Omar', lastName: 'Anderson' });
    expect(extractZip('my name is omar anderson and my zip is 19031')).toBe('19031');
    expect(extractName('I am looking for a lamp')).toBeUndefined();
    expect(extractName('Sophia Nguyen, 20171', true)).toEqual({ firstName: 'Sophia', lastName: 'Nguyen' });
    expect(extractZip('order #W1234567 for $12345')).toBeUndefined();
  });

  it('reads a full US address and ignores numbers of other things', () => {
    expect(extractAddress('For #W2618034 change the shipping address to 816 Spruce Street, Suite 114, Indianapolis, IN 46227')).toEqual({
      address1: '816 Spruce Street',
      address2: 'Suite 114',
      city: 'Indianapolis',
      state: 'IN',
      country: 'USA',
      zip: '46227',
    });
    expect(extractAddress('new address: 123 main st apt 4 austin texas 78701')?.state).toBe('TX');
    expect(extractAddress('I live at 17 oak road')).toBeUndefined();
  });

  it('reads the two accepted cancellation reasons from paraphrases, and nothing else', () => {
    expect(extractCancelReason("I don't need it anymore")).toBe('no longer needed');
    expect(extractCancelReason('I accidentally ordered it twice')).toBe('ordered by mistake');
    expect(extractCancelReason('it is too expensive')).toBeUndefined();
  });

  it('reads days, time windows, quantities and amounts', () => {
    const now = new Date('2026-11-28T12:00:00Z'); // a Saturday
    expect(extractWhen('tomorrow afternoon', now)).toEqual({ day: '2026-11-29', window: { start: '12:00', end: '17:00' } });
    expect(extractWhen('next Tuesday 9-12', now)).toEqual({ day: '2026-12-01', window: { start: '09:00', end: '12:00' } });
    expect(extractWhen('on friday between 2 and 4pm', now)).toEqual({ day: '2026-12-04', window: { start: '14:00', end: '16:00' } });
    expect(extractQuantity('two t-shirts please')).toBe(2);
    expect(extractQuantity('the lamp')).toBeUndefined();
    expect(extractAmount('refund 12.50 usd')).toBe(12.5);
  });
});
