import { describe, expect, it } from 'vitest';
import { History } from '../testing/history.ts';
import { supervisorTools } from '../testing/tau-tools.ts';

const route = (...turns: string[]) => {
  const h = new History('supervisor', supervisorTools);
  for (const t of turns) h.customer(t);
  return h.next();
};

describe('supervisor routing', () => {
  it.each([
    ['I want to return the lamp I got last week', 'transfer_to_returns'],
    ['please cancel order #W1234567', 'transfer_to_returns'],
    ['can I exhange my t-shirt for a bigger size', 'transfer_to_returns'],
    ['where is my package?', 'transfer_to_delivery'],
    ['can the delivery come tomorrow afternoon instead', 'transfer_to_delivery'],
    ['I want to update the default address on my account', 'transfer_to_delivery'],
    ['do you have running shoes in size 10', 'transfer_to_shopping'],
    ['how many loyalty points do I have', 'transfer_to_shopping'],
    ['get me a human please', 'transfer_to_human'],
  ])('%s → %s', (text, tool) => {
    expect(route(text)).toMatchObject({ kind: 'call', name: tool });
  });

  it('routes a mixed request to the specialist of its first part', () => {
    expect(route('return the lamp and change my default address')).toMatchObject({ name: 'transfer_to_returns' });
  });

  it('sends a bare answer to the specialist of the open request', () => {
    const h = new History('supervisor', supervisorTools).customer('where is my order #W2611340?');
    h.tool('transfer_to_delivery', { reason: 'tracking' }, 'transferred to delivery').agent('Please give me your email.').customer('james.li4495@example.com');
    expect(h.next()).toMatchObject({ kind: 'call', name: 'transfer_to_delivery' });
  });

  it('sends a customer who only identifies themselves to a specialist that can verify them', () => {
    expect(route('hi, my email is someone.new@example.com')).toMatchObject({ kind: 'call', name: 'transfer_to_returns' });
    expect(route("I'm Omar Anderson, zip 19031")).toMatchObject({ kind: 'call', name: 'transfer_to_returns' });
    const unclear = route('zorp blarg fnord. My email is someone.new@example.com');
    expect(unclear.kind === 'say' && unclear.text).toMatch(/did not understand/);
  });

  it('answers small talk and gibberish itself, honestly', () => {
    expect(route('hello!')).toMatchObject({ kind: 'say' });
    const unclear = route('zorp blarg fnord');
    expect(unclear.kind === 'say' && unclear.text).toMatch(/did not understand/);
  });

  it('has nothing to add once a specialist answered the turn', () => {
    const h = new History('supervisor', supervisorTools).customer('cancel #W1234567').agent('What is the reason?');
    expect(h.next()).toEqual({ kind: 'say', text: '' });
  });
});
