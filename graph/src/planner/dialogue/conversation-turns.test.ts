import { describe, expect, it } from 'vitest';
import { History } from '../testing/history.ts';

describe('conversation turns that are not requests', () => {
  it('does not repeat an answered question when the customer says thanks', () => {
    const h = new History('returns').customer('what is the status of order #W6067464?').customer('Omar Anderson, 19031');
    h.tool('find_user_id_by_name_zip', { first_name: 'Omar', last_name: 'Anderson', zip: '19031' }).tool('get_user_details', { user_id: 'omar_anderson_3203' });
    h.tool('get_order_details', { order_id: '#W6067464' });
    const answer = h.next();
    expect(answer.kind === 'say' && answer.text).toMatch(/Order #W6067464 is delivered/);
    h.agent(answer.kind === 'say' ? answer.text : '').customer('thanks, that is all');
    expect(h.next()).toEqual({ kind: 'say', text: "You're welcome! Have a great day." });
  });

  it('lets "never mind the kettle" withdraw only the request about the kettle', () => {
    const h = new History('returns').customer('I want to return the electric kettle from #W6067464 and cancel #W7602708').customer('never mind the kettle');
    const step = h.next();
    expect(step.kind === 'say' && step.text).not.toMatch(/refund/);
  });

  it('verifies identity given on its own, then asks how it can help', () => {
    const h = new History('returns').customer('hi, I am Omar Anderson, zip 19031');
    expect(h.next()).toEqual({ kind: 'call', name: 'find_user_id_by_name_zip', args: { first_name: 'Omar', last_name: 'Anderson', zip: '19031' } });
    h.tool('find_user_id_by_name_zip', { first_name: 'Omar', last_name: 'Anderson', zip: '19031' }).tool('get_user_details', { user_id: 'omar_anderson_3203' });
    expect(h.next()).toEqual({ kind: 'say', text: 'Thank you, Omar: your identity is verified. How can I help you today?' });
  });
});

describe('ambiguous address requests', () => {
  it('asks which address is meant instead of guessing', () => {
    const step = new History('delivery').customer('I need to change my address').next();
    expect(step).toEqual({
      kind: 'say',
      text: 'Which address do you mean: the shipping address of an order (please give the order id), or the default address on your account?',
    });
  });
});
