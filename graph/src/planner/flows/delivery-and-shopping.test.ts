import { describe, expect, it } from 'vitest';
import { History } from '../testing/history.ts';
import { tauBenchTools } from '../testing/tau-tools.ts';

const spec = (name: string, properties: string[]) => ({
  type: 'function' as const,
  function: { name, description: name, parameters: { type: 'object', properties: Object.fromEntries(properties.map((p) => [p, { type: 'string' }])) } },
});
const deliveryTools = [...tauBenchTools, spec('list_delivery_slots', ['tracking_id', 'from_date']), spec('book_delivery_slot', ['tracking_id', 'slot_id']), spec('reschedule_delivery', ['tracking_id', 'slot_id']), spec('track_shipment', ['tracking_id'])];
const shoppingTools = [...tauBenchTools, spec('search_products', ['query']), spec('get_stock', ['item_id']), spec('quote_cart', ['customer_id', 'lines', 'shipping_address']), spec('create_order', ['quote_id', 'payment_method_id'])];

// Shapes as the courier, knowledge and pricing servers answer (see their output schemas).
const slots = JSON.stringify({
  zip_prefix: '100',
  slots: [
    { slot_id: '100-2026-11-29-0900', day: '2026-11-29', window_start: '09:00', window_end: '12:00', remaining: 8, full: false },
    { slot_id: '100-2026-11-29-1200', day: '2026-11-29', window_start: '12:00', window_end: '15:00', remaining: 5, full: false },
    { slot_id: '100-2026-11-29-1500', day: '2026-11-29', window_start: '15:00', window_end: '18:00', remaining: 0, full: true },
  ],
});
const hits = JSON.stringify({
  hits: [
    { variant_id: '1794273251', product_id: '4635925001', product_name: 'Yoga Mat', options: { thickness: '5mm', material: 'TPE', color: 'pink' }, price: 103.84, available: true },
    { variant_id: '5586947715', product_id: '4635925001', product_name: 'Yoga Mat', options: { thickness: '4mm', material: 'PVC', color: 'blue' }, price: 92.53, available: true },
  ],
});

function jamesWith(tools: typeof deliveryTools, request: string) {
  return new History('delivery', tools)
    .customer(request)
    .customer('james.li4495@example.com')
    .tool('find_user_id_by_email', { email: 'james.li4495@example.com' })
    .tool('get_user_details', { user_id: 'james_li_5688' });
}

describe('delivery slot flow', () => {
  it('lists the slots of the parcel from the asked day, then books the only free one in the asked window', () => {
    const h = jamesWith(deliveryTools, 'can order #W2611340 come tomorrow afternoon?').tool('get_order_details', { order_id: '#W2611340' });
    expect(h.next()).toEqual({ kind: 'call', name: 'list_delivery_slots', args: { tracking_id: '357962501027', from_date: '2026-11-29' } });
    h.tool('list_delivery_slots', { tracking_id: '357962501027', from_date: '2026-11-29' }, slots);
    expect(h.next()).toEqual({ kind: 'call', name: 'book_delivery_slot', args: { tracking_id: '357962501027', slot_id: '100-2026-11-29-1200' } });
  });

  it('proposes the earliest free slot of the asked day when no time is named (the confirmation gate shows it)', () => {
    const h = jamesWith(deliveryTools, 'can order #W2611340 come tomorrow?').tool('get_order_details', { order_id: '#W2611340' });
    h.tool('list_delivery_slots', { tracking_id: '357962501027', from_date: '2026-11-29' }, slots);
    expect(h.next()).toEqual({ kind: 'call', name: 'book_delivery_slot', args: { tracking_id: '357962501027', slot_id: '100-2026-11-29-0900' } });
  });

  it('asks when several slots fit the asked window, and takes "the second one" from the list it gave', () => {
    const h = jamesWith(deliveryTools, 'can order #W2611340 come tomorrow between 10am and 2pm?').tool('get_order_details', { order_id: '#W2611340' });
    h.tool('list_delivery_slots', { tracking_id: '357962501027', from_date: '2026-11-29' }, slots);
    const question = h.next();
    expect(question.kind === 'say' && question.text).toMatch(/Several slots fit: 2026-11-29 09:00-12:00; 2026-11-29 12:00-15:00/);
    h.agent(question.kind === 'say' ? question.text : '').customer('the second one');
    expect(h.next()).toEqual({ kind: 'call', name: 'book_delivery_slot', args: { tracking_id: '357962501027', slot_id: '100-2026-11-29-1200' } });
  });
});

describe('shopping flow', () => {
  it('searches, narrows to the variant the customer names, checks stock, quotes to the default address, orders with the chosen method', () => {
    const h = new History('shopping', shoppingTools).customer('I want to buy a yoga mat').customer('Omar Anderson, 19031');
    h.tool('find_user_id_by_name_zip', { first_name: 'Omar', last_name: 'Anderson', zip: '19031' }).tool('get_user_details', { user_id: 'omar_anderson_3203' });
    expect(h.next()).toEqual({ kind: 'call', name: 'search_products', args: { query: 'I want to buy a yoga mat' } });
    h.tool('search_products', { query: 'I want to buy a yoga mat' }, hits);
    const choice = h.next();
    expect(choice.kind === 'say' && choice.text).toMatch(/several options: Yoga Mat \(5mm, TPE, pink\).*Yoga Mat \(4mm, PVC, blue\)/);
    h.agent(choice.kind === 'say' ? choice.text : '').customer('the blue one');
    expect(h.next()).toEqual({ kind: 'call', name: 'get_stock', args: { item_id: '5586947715' } });
    h.tool('get_stock', { item_id: '5586947715' }, JSON.stringify({ item_id: '5586947715', available_total: 114, in_stock: true, warehouses: [] }));
    const quote = h.next();
    expect(quote).toMatchObject({ kind: 'call', name: 'quote_cart', args: { customer_id: 'omar_anderson_3203', lines: [{ item_id: '5586947715', quantity: 1 }] } });
    if (quote.kind !== 'call') return;
    h.tool('quote_cart', quote.args, JSON.stringify({ quote_id: 'Q1', total: 98.08 }));
    const ask = h.next();
    expect(ask.kind === 'say' && ask.text).toMatch(/Your quote Q1: 1 x Yoga Mat \(4mm, PVC, blue\) at \$92\.53 each; total \$98\.08\. Which payment method/);
    h.agent(ask.kind === 'say' ? ask.text : '').customer('paypal');
    expect(h.next()).toEqual({ kind: 'call', name: 'create_order', args: { quote_id: 'Q1', payment_method_id: 'paypal_6213278' } });
  });

  it('says so when the chosen variant is out of stock, and orders nothing', () => {
    const h = new History('shopping', shoppingTools).customer('I want to buy the blue yoga mat').customer('Omar Anderson, 19031');
    h.tool('find_user_id_by_name_zip', { first_name: 'Omar', last_name: 'Anderson', zip: '19031' }).tool('get_user_details', { user_id: 'omar_anderson_3203' });
    h.tool('search_products', { query: 'I want to buy the blue yoga mat' }, hits);
    h.tool('get_stock', { item_id: '5586947715' }, JSON.stringify({ item_id: '5586947715', available_total: 0, in_stock: false, warehouses: [] }));
    const step = h.next();
    expect(step.kind === 'say' && step.text).toMatch(/out of stock/);
  });
});
