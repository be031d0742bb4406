import { describe, expect, it } from 'vitest';
import { History } from '../testing/history.ts';
import { tauBenchTools } from '../testing/tau-tools.ts';

const spec = (name: string) => ({ type: 'function' as const, function: { name, description: name, parameters: { type: 'object', properties: {} } } });
const tools = [...tauBenchTools, spec('get_order_status')];
// History's clock is 2026-11-28T12:00:00Z.
const status = (deliveredAt: string) => JSON.stringify({ order_id: '#W6067464', status: 'delivered', delivered_at: deliveredAt, fulfillments: [], allowed_actions: [] });

function omarReturning() {
  const h = new History('returns', tools).customer("I'm Omar Anderson, zip 19031. Return the electric kettle from #W6067464 to my credit card.");
  h.tool('find_user_id_by_name_zip', { first_name: 'Omar', last_name: 'Anderson', zip: '19031' }).tool('get_user_details', { user_id: 'omar_anderson_3203' });
  return h.tool('get_order_details', { order_id: '#W6067464' });
}

describe('return window', () => {
  it('reads when the order was delivered before starting a return', () => {
    expect(omarReturning().next()).toEqual({ kind: 'call', name: 'get_order_status', args: { order_id: '#W6067464' } });
  });

  it('refuses a return long after delivery and says why, without calling the return', () => {
    const step = omarReturning().tool('get_order_status', { order_id: '#W6067464' }, status('2026-05-12T12:00:00Z')).next();
    expect(step.kind).toBe('say');
    expect(step.kind === 'say' && step.text).toMatch(/delivered on 2026-05-12, 200 days ago.*30-day return window/);
  });

  it('goes ahead inside the window', () => {
    const step = omarReturning().tool('get_order_status', { order_id: '#W6067464' }, status('2026-11-10T12:00:00Z')).next();
    expect(step).toMatchObject({ kind: 'call', name: 'return_delivered_order_items', args: { order_id: '#W6067464', payment_method_id: 'credit_card_4190576' } });
  });

  it('goes ahead when the system does not know the delivery date', () => {
    const step = omarReturning().tool('get_order_status', { order_id: '#W6067464' }, JSON.stringify({ order_id: '#W6067464', status: 'delivered', fulfillments: [], allowed_actions: [] })).next();
    expect(step).toMatchObject({ kind: 'call', name: 'return_delivered_order_items' });
  });
});
