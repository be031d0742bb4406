import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../canonical-json.ts';
import { fingerprint, loadPiiKey, redact, redactText } from './redact.ts';

const FP = /^hmac:[0-9a-f]{16}$/;

describe('redact', () => {
  it('fingerprints personal data and keeps the ids entries are matched by', () => {
    const out = redact({
      order_id: '#W2611340', user_id: 'sara_doe_496', payment_method_id: 'credit_card_1234567', item_ids: ['6469567736'],
      address1: '215 River Road', zip: '10083', city: 'New York', email: 'Sara.Doe@example.com', last_four: '4242',
      note: 'call me at 555-123-4567 or sara@example.com, card 4111 1111 1111 1111',
    }) as Record<string, unknown>;
    expect(out).toMatchObject({ order_id: '#W2611340', user_id: 'sara_doe_496', payment_method_id: 'credit_card_1234567', item_ids: ['6469567736'], city: 'New York', last_four: '[redacted]' });
    expect(out.email).toBe(fingerprint('sara.doe@example.com'));
    expect(out.address1).toMatch(FP);
    expect(out.note).toBe(`call me at ${fingerprint('5551234567')} or ${fingerprint('sara@example.com')}, card [card]`);
  });

  it('keys fingerprints with a secret: a short value cannot be found by hashing every candidate', () => {
    const a = Buffer.from('a'.repeat(32));
    const b = Buffer.from('b'.repeat(32));
    expect(fingerprint('90210', a)).toMatch(FP);
    expect(fingerprint(' 90210 ', a)).toBe(fingerprint('90210', a)); // matchable by whoever holds the key
    expect(fingerprint('90210', a)).not.toBe(fingerprint('90210', b));
    expect(fingerprint('90210').slice(5)).not.toBe(sha256Hex('90210').slice(0, 16));
    expect(fingerprint('Emily')).not.toBe(`sha256:${sha256Hex('emily').slice(0, 16)}`);
  });

  it('redacts international, bracketed and (after a phone word) bare phone numbers, and only Luhn-valid card numbers', () => {
    const phones = ['+44 20 7946 0958', '+4915112345678', '+1 (555) 123-4567', '(555) 123-4567', '555.123.4567', '5551234567'];
    for (const phone of phones) expect(redactText(`call ${phone} now`)).toBe(`call ${fingerprint(phone.replace(/\D/g, ''))} now`);
    for (const card of ['4111 1111 1111 1111', '4111-1111-1111-1111', '4111.1111.1111.1111', '4111_1111_1111_1111', '378282246310005']) {
      expect(redactText(`card ${card}.`)).toBe('card [card].');
    }
    expect(redactText('sent at 1700000000000 (epoch ms), tracking 9400111899223817583129')).toBe('sent at 1700000000000 (epoch ms), tracking 9400111899223817583129');
    expect(redactText('lives 12 Privet Drive, Little Whinging')).toBe(`lives ${fingerprint('12 Privet Drive')}, Little Whinging`);
    // Any case, numbered streets and the unit; everyday words as street types only capitalised; amounts, dates, ids kept.
    expect(redactText('ship to 12 oak street, apt 4 please')).toBe(`ship to ${fingerprint('12 oak street apt 4')} please`);
    expect(redactText('350 5th Avenue')).toBe(fingerprint('350 5th Avenue'));
    for (const kept of ['by the way, order #W1000001 has 2 items in one place', 'the 3 lamps on the square', 'refund $12.50 on 2026-05-04 at 10:00']) {
      expect(redactText(kept)).toBe(kept);
    }
    expect(redactText('zip 90210, zip code: 10083-1234, postcode SW1A 1AA, zip:33135; 90210 units')).toBe(
      `zip ${fingerprint('90210')}, zip code: ${fingerprint('10083-1234')}, postcode ${fingerprint('SW1A 1AA')}, zip:${fingerprint('33135')}; 90210 units`,
    );
  });

  it('keeps item, product and order ids in messages; takes a bare 10/11-digit phone only after a word naming a phone', () => {
    const kept = [
      'item 6469567736 is not in order #W1000002; its items are: 1000000002, 2000000002',
      'product 8310926033 has no item 1008292230 (order 5551234567 was shipped)',
      'items [6469567736,2000000002] of user sara_doe_496; hotel 5551234567',
    ];
    for (const text of kept) expect(redactText(text)).toBe(text);
    expect(redact({ message: kept[0], note: kept[1] })).toEqual({ message: kept[0], note: kept[1] });
    const cued: [string, string][] = [
      ['phone: 5551234567', 'phone: '], ['Phone number 15551234567', 'Phone number '], ['call me at 5551234567', 'call me at '],
      ['mobile no. 5551234567', 'mobile no. '], ['tel=5551234567', 'tel='], ['phone_number=5551234567', 'phone_number='], ['TEL 5551234567', 'TEL '],
    ];
    for (const [text, cue] of cued) expect(redactText(`${text}, item 6469567736`)).toBe(`${cue}${fingerprint(text.slice(cue.length))}, item 6469567736`);
    // Written as a phone, a number is taken wherever it stands.
    expect(redactText('reach her on 555-123-4567 or (555) 123-4567 or +15551234567')).toBe(
      `reach her on ${fingerprint('5551234567')} or ${fingerprint('5551234567')} or ${fingerprint('15551234567')}`,
    );
  });

  it('takes a bare phone number after "is", "#:", "-", quotes or a bracket, and after "my number", "contact", "reach me at"', () => {
    const cued: [string, string][] = [
      ['my phone number is 5551234567', 'my phone number is '], ['mobile is 5551234567', 'mobile is '], ['my number is 5551234567', 'my number is '],
      ['phone #: 5551234567', 'phone #: '], ['phone: (5551234567', 'phone: ('], ['phone number - 5551234567', 'phone number - '],
      ['reach me at 5551234567', 'reach me at '], ['Contact number 5551234567', 'Contact number '], ['result {"phone":"5551234567', 'result {"phone":"'],
    ];
    for (const [text, cue] of cued) expect(redactText(`${text}", item 6469567736`)).toBe(`${cue}${fingerprint('5551234567')}", item 6469567736`);
    expect(redactText('phone: (5551234567)')).toBe(`phone: (${fingerprint('5551234567')})`);
    expect(redactText('{"phone":"5551234567"}')).toBe(`{"phone":"${fingerprint('5551234567')}"}`);
    for (const kept of [
      'item 6469567736 is not in order #W1000002; its items are: 1000000002, 2000000002', 'product 6086499569', 'tracking 9400111899223817583129',
      'order number 6469567736', 'hotel 5551234567',
    ]) {
      expect(redactText(kept)).toBe(kept);
    }
  });

  it('takes street addresses, not commerce text that has a number and a word such as "drive", "road" or "street"', () => {
    const kept = [
      '1 TB hard drive', 'Samsung 2 TB SSD drive in stock', 'USB 3 flash drive', 'a 10 minute drive from the store', 'a 10 minute drive.',
      'buy 2 new road bikes', 'Ships in 2 business days by road', 'It takes 2 or 3 days by road.', 'tracking 1 shipment via road',
      '2 pairs of street shoes', 'ETA 3 days road trip', 'Your 2 TB External Hard Drive has shipped', 'SHIPS IN 2 BUSINESS DAYS BY ROAD',
      '2 items on hold', 'order 3 St. Louis', 'shipping 2 units to Main St', 'by the way, order #W1000001 has 2 items in one place',
      'the 3 lamps on the square', 'refund $12.50 on 2026-05-04 at 10:00', 'order #W2611340 dated 05/01/2024, id 1000000002 and 12 items',
    ];
    for (const text of kept) expect(redactText(text)).toBe(text);
    const streets: [string, string, string][] = [
      ['12 Privet Drive', '', ''], ['215 River Rd', '', ''], ['350 5th Avenue', '', ''], ['Order 12 Main St Suite 394', 'Order ', ''],
      ['please ship to 12 oak street, apt 4', 'please ship to ', ''], ['lives at 215 river rd.', 'lives at ', ''], ['12 MAIN STREET, NY', '', ', NY'],
    ];
    for (const [text, before, after] of streets) {
      expect(redactText(text)).toBe(`${before}${fingerprint(text.slice(before.length, text.length - after.length).replace(/,/g, ''))}${after}`);
    }
  });

  it('leaves ids, hashes, timestamps, amounts and existing fingerprints alone', () => {
    const kept = {
      order_id: '#W1234567', customer_id: 'sara_doe_496', argsHash: sha256Hex('x'), at: '2026-06-01T00:00:00.000Z', amount: 1234.56,
      shopify_order_id: '5678901234565', request: 'req 3f2a1b4c-1234-4111-1111-111111111111', old: 'sha256:0123456789abcdef', since: 1700000000000,
      text: 'order #W2611340: 12 items, 3 x 19.99 at 2026-06-01T10:00:00Z refunded 245.50 to credit_card_1234567',
    };
    expect(redact(kept)).toEqual(kept);
    const once = redact({ email: 'sam@example.com', zip: 90210, note: 'call +44 20 7946 0958', password: 'x', card_number: '4111111111111111' });
    expect(redact(once)).toEqual(once);
  });

  it('matches keys in any case or separator, arrays under personal keys, and removes credentials', () => {
    const out = redact({
      customer: { firstName: 'Sam', lastName: 'Smith', postalCode: '90210', phoneNumber: '555-123-4567', streetAddress: '1 Main St', name: 'Sam Smith', address: '12 Privet Drive' },
      product: { name: 'Water Bottle' }, address2: '', address_line1: '1 Main St', ship_to_zip: '90210', lastFour: '1111', last4: 1111, cardNumber: '4111111111111111',
      zips: { zip: ['90210', 10083] }, access_token: 'eyJabc', api_key: 'sk_live_abc', Authorization: 'Bearer x', cookie: 'sid=1', password: '', token: 't',
    }) as Record<string, Record<string, unknown>>;
    expect(out.customer).toEqual({
      firstName: fingerprint('sam'), lastName: fingerprint('smith'), postalCode: fingerprint('90210'), phoneNumber: fingerprint('5551234567'),
      streetAddress: fingerprint('1 main st'), name: fingerprint('sam smith'), address: fingerprint('12 privet drive'),
    });
    expect(out).toMatchObject({
      product: { name: 'Water Bottle' }, address2: '', address_line1: fingerprint('1 Main St'), ship_to_zip: fingerprint('90210'), lastFour: '[redacted]', last4: '[redacted]',
      cardNumber: '[redacted]', zips: { zip: [fingerprint('90210'), fingerprint('10083')] },
      access_token: '[secret]', api_key: '[secret]', Authorization: '[secret]', cookie: '[secret]', password: '[secret]', token: '[secret]',
    });
  });

  it('keeps what an error says (redacted), its fields and its cause', () => {
    const cause = Object.assign(new Error('connection to sara@example.com refused'), { code: 'ECONNREFUSED' });
    const out = redact(Object.assign(new TypeError('lookup failed', { cause }), { code: '57P01', email: 'sara@example.com' })) as Record<string, unknown>;
    expect(out).toMatchObject({ type: 'TypeError', message: 'lookup failed', code: '57P01', email: fingerprint('sara@example.com') });
    expect(out.stack).toMatch(/^TypeError: lookup failed\n\s+at /);
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

describe('loadPiiKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pii-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a private development key under COMMERCE_DATA_DIR once, then reuses it', () => {
    const key = loadPiiKey({ COMMERCE_DATA_DIR: dir });
    expect(statSync(join(dir, 'pii-key')).mode & 0o777).toBe(0o600);
    expect(loadPiiKey({ COMMERCE_DATA_DIR: dir })).toEqual(key);
    expect(readFileSync(join(dir, 'pii-key'), 'utf8').trim()).toBe(key.toString());
  });

  it('takes a configured key, and refuses a short or missing one', () => {
    expect(loadPiiKey({ COMMERCE_PII_KEY: 'k'.repeat(32) }).toString()).toBe('k'.repeat(32));
    expect(() => loadPiiKey({ COMMERCE_PII_KEY: 'short' })).toThrow(/COMMERCE_PII_KEY: the PII key must be at least 32 bytes/);
    expect(() => loadPiiKey({ COMMERCE_PII_KEY_FILE: join(dir, 'missing') })).toThrow(/COMMERCE_PII_KEY_FILE points to .*missing, which does not exist/);
  });

  it('says what to configure when the development key cannot be created or read', () => {
    // A data directory under a regular file: mkdir fails even for root (tests may run as root, which chmod does not stop).
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    const under = join(file, 'data');
    let message = '';
    try {
      loadPiiKey({ COMMERCE_DATA_DIR: under });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `no PII key is configured and the development key ${join(under, 'pii-key')} cannot be created (ENOTDIR: not a directory, mkdir '${under}'): `
        + 'set COMMERCE_PII_KEY (at least 32 bytes, e.g. `openssl rand -hex 32`) or COMMERCE_PII_KEY_FILE (a file holding it), '
        + `or make ${under} (COMMERCE_DATA_DIR) writable`,
    );
    // A key path that is a directory cannot be read.
    const unreadable = join(dir, 'unreadable');
    mkdirSync(join(unreadable, 'pii-key'), { recursive: true });
    expect(() => loadPiiKey({ COMMERCE_DATA_DIR: unreadable })).toThrow(/the development key .*pii-key cannot be read \(EISDIR/);
  });
});
