import { describe, expect, it } from 'vitest';
import { isExplicitYes } from './yes-classifier.ts';

describe('isExplicitYes', () => {
  it.each(['yes', 'Yes please', 'YES!', 'confirm', 'Go ahead.', 'yes, go ahead', 'ok, confirm', 'Yep', 'that’s correct', 'please proceed', 'Sure, thanks'])(
    'accepts %j',
    (reply) => expect(isExplicitYes(reply)).toBe(true),
  );

  it.each([
    'no',
    'not yet',
    "don't",
    'yes but change the address first',
    'yes?',
    'what will it cost?',
    'wait',
    'maybe',
    'cancel it',
    'yes if the refund goes to my card',
    'actually use paypal instead',
    'I want to return the lamp too',
    '',
    'yes '.repeat(40),
  ])('rejects %j', (reply) => expect(isExplicitYes(reply)).toBe(false));
});
