import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../ledger/redact.ts';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) });
  const logger = createLogger({ level: 'debug', destination });
  return { logger, lines, last: () => JSON.parse(lines.at(-1)!) as Record<string, any> };
}

const EMAIL = 'sam.smith@example.com';
const LEAK = /sam\.smith@example\.com|555-123-4567|4111 1111 1111 1111|90210/;

describe('createLogger', () => {
  it('redacts a logged object with the same fingerprints as the ledger', () => {
    const { logger, lines, last } = capture();
    logger.info({ order_id: '#W1', customer: { email: EMAIL, zip: '90210' }, headers: { authorization: 'Bearer abc' } }, `contact ${EMAIL}`);
    expect(last()).toMatchObject({ order_id: '#W1', customer: { email: fingerprint(EMAIL), zip: fingerprint('90210') }, headers: { authorization: '[secret]' }, msg: `contact ${fingerprint(EMAIL)}` });
    expect(lines.join('')).not.toMatch(LEAK);
  });

  it('redacts the message of an error logged on its own, and keeps its type', () => {
    const { logger, lines, last } = capture();
    logger.error(new TypeError(`could not reach ${EMAIL}`));
    expect(last()).toMatchObject({ msg: `could not reach ${fingerprint(EMAIL)}`, err: { type: 'TypeError', message: `could not reach ${fingerprint(EMAIL)}` } });
    logger.error({ err: Object.assign(new RangeError('card 4111 1111 1111 1111 refused'), { code: 'E1' }), callId: 'c1' }, 'write failed');
    expect(last()).toMatchObject({ msg: 'write failed', callId: 'c1', err: { type: 'RangeError', message: 'card [card] refused', code: 'E1', stack: expect.stringMatching(/^RangeError: card \[card\] refused/) } });
    expect(lines.join('')).not.toMatch(LEAK);
  });

  it('keeps the errors of an AggregateError, each redacted like an error', () => {
    const { logger, lines, last } = capture();
    const gathered = () => new AggregateError([new TypeError(`no reply from ${EMAIL}`), Object.assign(new Error('zip 90210 unknown'), { code: 'E2' }), 'card 4111 1111 1111 1111'], 'all attempts failed');
    const errors = [
      { type: 'TypeError', message: `no reply from ${fingerprint(EMAIL)}`, stack: expect.stringMatching(/^TypeError: no reply from hmac:/) },
      { type: 'Error', message: `zip ${fingerprint('90210')} unknown`, code: 'E2' },
      'card [card]',
    ];
    logger.error(gathered());
    expect(last()).toMatchObject({ msg: 'all attempts failed', err: { type: 'AggregateError', message: 'all attempts failed', aggregateErrors: errors } });
    logger.error({ err: gathered(), callId: 'c2' }, 'fan-out failed');
    expect(last()).toMatchObject({ msg: 'fan-out failed', callId: 'c2', err: { type: 'AggregateError', aggregateErrors: errors } });
    // Nested AggregateErrors, and one that gathers itself, end.
    const outer = new AggregateError([new AggregateError([new Error(`inner ${EMAIL}`)], 'inner')], 'outer');
    (outer.errors as unknown[]).push(outer);
    logger.error(outer);
    expect(last().err.aggregateErrors).toEqual([expect.objectContaining({ message: 'inner', aggregateErrors: [expect.objectContaining({ message: `inner ${fingerprint(EMAIL)}` })] }), '[circular]']);
    expect(lines.join('')).not.toMatch(LEAK);
  });

  it('redacts %s, %o and %j arguments and the bindings of child loggers', () => {
    const { logger, lines, last } = capture();
    logger.info('to %s: %o / %j', EMAIL, { phone: '555-123-4567' }, { zip: '90210' });
    expect(last().msg).toBe(`to ${fingerprint(EMAIL)}: {"phone":"${fingerprint('5551234567')}"} / {"zip":"${fingerprint('90210')}"}`);
    logger.child({ customer: { email: EMAIL }, note: 'call 555-123-4567' }).warn({ step: 'x' }, 'child');
    expect(last()).toMatchObject({ customer: { email: fingerprint(EMAIL) }, note: `call ${fingerprint('5551234567')}`, step: 'x', msg: 'child', name: 'commerce' });
    expect(lines.join('')).not.toMatch(LEAK);
  });
});
