import { describe, expect, it } from 'vitest';
import { History } from '../testing/history.ts';

const authenticated = (role = 'returns') =>
  new History(role)
    .customer('I want to return the electric kettle and the wall clock from order #W6067464')
    .agent('Please give me your email address, or your name and zip code.')
    .customer("I'm Omar Anderson, zip 19031")
    .tool('find_user_id_by_name_zip', { first_name: 'Omar', last_name: 'Anderson', zip: '19031' })
    .tool('get_user_details', { user_id: 'omar_anderson_3203' });

describe('specialist dialogue flows (τ-bench records)', () => {
  it('authenticates first: asks for identity, then looks the customer up by email, then reads the profile', () => {
    const h = new History('returns').customer('I want to return something');
    expect(h.next()).toMatchObject({ kind: 'say' });
    h.agent('Please give me your email.').customer('sure, james.li4495@example.com');
    expect(h.next()).toEqual({ kind: 'call', name: 'find_user_id_by_email', args: { email: 'james.li4495@example.com' } });
    h.tool('find_user_id_by_email', { email: 'james.li4495@example.com' });
    expect(h.next()).toEqual({ kind: 'call', name: 'get_user_details', args: { user_id: 'james_li_5688' } });
  });

  it('says so when no account matches, and does not repeat the same lookup', () => {
    const h = new History('returns').customer('cancel my order, my email is nobody@example.com');
    h.tool('find_user_id_by_email', { email: 'nobody@example.com' }, 'NOT_FOUND: no customer matches those details');
    const step = h.next();
    expect(step.kind).toBe('say');
    expect(step.kind === 'say' && step.text).toMatch(/could not find an account with the email nobody@example.com: no customer has that email.*name and your zip code/);
  });

  it('says honestly that an email matches nobody even when the customer made no request yet', () => {
    const h = new History('returns').customer('hello, my email is nobody@example.com');
    expect(h.next()).toEqual({ kind: 'call', name: 'find_user_id_by_email', args: { email: 'nobody@example.com' } });
    h.tool('find_user_id_by_email', { email: 'nobody@example.com' }, 'NOT_FOUND: no customer matches those details');
    const step = h.next();
    expect(step.kind === 'say' && step.text).toMatch(/no customer has that email/);
    expect(step.kind === 'say' && step.text).not.toMatch(/anything else/);
  });

  it('reads the order, then asks where the refund should go (original method or gift card)', () => {
    const h = authenticated();
    expect(h.next()).toEqual({ kind: 'call', name: 'get_order_details', args: { order_id: '#W6067464' } });
    h.tool('get_order_details', { order_id: '#W6067464' });
    const step = h.next();
    expect(step.kind === 'say' && step.text).toMatch(/Which payment method should I use for the refund\?.*credit_card_4190576/);
  });

  it('emits the return with the matched order lines once it knows everything', () => {
    const h = authenticated().tool('get_order_details', { order_id: '#W6067464' }).agent('Which payment method?').customer('back to my credit card please');
    expect(h.next()).toEqual({
      kind: 'call',
      name: 'return_delivered_order_items',
      args: { order_id: '#W6067464', item_ids: ['9624127908', '8917609800'], payment_method_id: 'credit_card_4190576' },
    });
  });

  it('reports a declined confirmation honestly and does not retry', () => {
    const h = authenticated().tool('get_order_details', { order_id: '#W6067464' }).agent('Which payment method?').customer('credit card');
    h.tool('return_delivered_order_items', { order_id: '#W6067464', item_ids: ['9624127908', '8917609800'], payment_method_id: 'credit_card_4190576' }, 'customer did not confirm; nothing was done');
    const step = h.next();
    expect(step.kind === 'say' && step.text).toMatch(/nothing was changed/);
  });

  it('passes a server refusal on as text instead of retrying', () => {
    const h = authenticated().tool('get_order_details', { order_id: '#W6067464' }).agent('Which payment method?').customer('credit card');
    h.tool('return_delivered_order_items', { order_id: '#W6067464', item_ids: ['9624127908', '8917609800'], payment_method_id: 'credit_card_4190576' }, 'POLICY_DENIED: the return window of 30 days has passed');
    const step = h.next();
    expect(step.kind === 'say' && step.text).toMatch(/refused.*return window/);
  });

  it('asks for the reason of a cancellation instead of assuming one', () => {
    const h = new History('returns').customer('cancel order #W7602708').customer('Juan Rossi, 77209');
    h.tool('find_user_id_by_name_zip', { first_name: 'Juan', last_name: 'Rossi', zip: '77209' }).tool('get_user_details', { user_id: 'juan_rossi_6696' });
    h.tool('get_order_details', { order_id: '#W7602708' });
    const step = h.next();
    expect(step.kind === 'say' && step.text).toMatch(/no longer needed, or was it ordered by mistake/);
    h.agent(step.kind === 'say' ? step.text : '').customer('I bought it by accident');
    expect(h.next()).toEqual({ kind: 'call', name: 'cancel_pending_order', args: { order_id: '#W7602708', reason: 'ordered by mistake' } });
  });

  it('refuses to cancel a delivered order, saying why', () => {
    const h = authenticated().customer('actually, just cancel #W6067464, I no longer need it').tool('get_order_details', { order_id: '#W6067464' });
    const step = h.next();
    expect(step.kind === 'say' && step.text).toMatch(/#W6067464 is delivered, so I can't cancel it/);
  });

  it('never picks between two payment methods of the same kind', () => {
    const h = new History('returns').customer('change the payment of #W4923227 to my credit card').customer('isabella.lopez3271@example.com');
    h.tool('find_user_id_by_email', { email: 'isabella.lopez3271@example.com' }).tool('get_user_details', { user_id: 'isabella_lopez_6490' });
    h.tool('get_order_details', { order_id: '#W4923227' });
    const step = h.next();
    expect(step.kind).toBe('say');
    expect(step.kind === 'say' && step.text).toMatch(/credit_card_8897086/);
  });

  it("answers another customer's order exactly like a missing one", () => {
    const h = authenticated().tool('get_order_details', { order_id: '#W6067464' }).customer('also cancel #W4923227, no longer needed');
    h.tool('get_order_details', { order_id: '#W4923227' });
    const step = h.next();
    expect(step.kind === 'say' && step.text).toMatch(/could not find order #W4923227 on your account/);
  });

  it('changes the default address from a full address in the message', () => {
    const h = new History('delivery').customer('please update my default address to 445 Maple Drive, Suite 394, Fort Worth, TX 76165. My email is james.li4495@example.com');
    h.tool('find_user_id_by_email', { email: 'james.li4495@example.com' }).tool('get_user_details', { user_id: 'james_li_5688' });
    expect(h.next()).toEqual({
      kind: 'call',
      name: 'modify_user_address',
      args: { user_id: 'james_li_5688', address1: '445 Maple Drive', address2: 'Suite 394', city: 'Fort Worth', state: 'TX', country: 'USA', zip: '76165' },
    });
  });

  it('transfers to a human when asked', () => {
    const step = authenticated().customer('this is taking too long, let me talk to a real person').next();
    expect(step).toMatchObject({ kind: 'call', name: 'transfer_to_human_agents' });
  });

  it('says honestly when it did not understand, with what it can do', () => {
    const step = new History('returns').customer('flibber the snark quux').next();
    expect(step.kind === 'say' && step.text).toMatch(/did not understand "flibber the snark quux"/);
  });

  it('is a pure function of the history: the same messages give the same step', () => {
    const h = authenticated();
    expect(h.next()).toEqual(h.next());
  });
});
