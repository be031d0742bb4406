import { describe, expect, it } from 'vitest';
import { History } from '../testing/history.ts';
import { tauBenchTools } from '../testing/tau-tools.ts';

const spec = (name: string) => ({ type: 'function' as const, function: { name, description: name, parameters: { type: 'object', properties: {} } } });
const tools = [...tauBenchTools, spec('schedule_return_pickup'), spec('create_return_label')];

function omarAfterReturn() {
  const h = new History('returns', tools).customer('Omar Anderson, 19031');
  h.tool('find_user_id_by_name_zip', { first_name: 'Omar', last_name: 'Anderson', zip: '19031' }).tool('get_user_details', { user_id: 'omar_anderson_3203' });
  h.tool('return_delivered_order_items', { order_id: '#W6067464', item_ids: ['9624127908'], payment_method_id: 'credit_card_4190576' });
  return h;
}

describe('return shipping flow', () => {
  it('books a courier pickup for the returned parcel on the asked day and half-day', () => {
    const h = omarAfterReturn().customer('can a courier pick up the return from #W6067464 on Monday afternoon?').tool('get_order_details', { order_id: '#W6067464' });
    expect(h.next()).toEqual({ kind: 'call', name: 'schedule_return_pickup', args: { tracking_id: '674931187716', day: '2026-11-30', window: 'afternoon' } });
  });

  it('asks for the day and window instead of picking one', () => {
    const h = omarAfterReturn().customer('please arrange a pickup for my return of #W6067464').tool('get_order_details', { order_id: '#W6067464' });
    const step = h.next();
    expect(step.kind === 'say' && step.text).toMatch(/On which day/);
  });

  it('creates a label for exactly the items being returned', () => {
    const h = omarAfterReturn().customer('I need a return label for #W6067464').tool('get_order_details', { order_id: '#W6067464' });
    expect(h.next()).toMatchObject({ kind: 'call', name: 'create_return_label', args: { tracking_id: '674931187716' } });
  });
});
