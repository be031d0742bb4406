import { ToolMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { knownItems } from './known-items.ts';
import { knownQuotes } from './known-quotes.ts';
import { confirmationStatement, renderAction } from './render-action.ts';

const order = new ToolMessage({
  tool_call_id: 'c1',
  content: JSON.stringify({
    order_id: '#W1',
    items: [
      { name: 'Backpack', item_id: '111', price: 205.35, options: { color: 'green' } },
      { name: 'Gaming Mouse', item_id: '222', price: 162.15, options: { connectivity: 'wired' } },
    ],
  }),
});
const product = new ToolMessage({ tool_call_id: 'c2', content: JSON.stringify({ name: 'Backpack', product_id: 'p', variants: { '333': { price: 210.5, options: { color: 'blue' } } } }) });
const known = knownItems([order, product]);

describe('renderAction', () => {
  it('states a return with item names, prices, the refund total and the payment method', () => {
    const text = renderAction('return_delivered_order_items', { order_id: '#W1', item_ids: ['111', '222'], payment_method_id: 'paypal_1' }, known);
    expect(text).toContain('Backpack (green), item 111, $205.35');
    expect(text).toContain('Gaming Mouse (wired), item 222, $162.15');
    expect(text).toContain('Refund $367.50 to paypal_1.');
  });

  it('states an exchange with the new variant and the price difference', () => {
    const text = renderAction('exchange_delivered_order_items', { order_id: '#W1', item_ids: ['111'], new_item_ids: ['333'], payment_method_id: 'credit_card_1' }, known);
    expect(text).toContain('Backpack (blue), item 333, $210.50');
    expect(text).toContain('You pay the difference of $5.15 using credit_card_1.');
  });

  it('states address changes and falls back to every argument for unknown tools', () => {
    expect(renderAction('modify_pending_order_address', { order_id: '#W1', address1: '1 Main St', address2: '', city: 'Austin', state: 'TX', country: 'USA', zip: '78701' })).toBe(
      'Change the shipping address of order #W1 to: 1 Main St, Austin, TX, 78701, USA.',
    );
    expect(renderAction('book_delivery_slot', { order_id: '#W1', slot_id: 'slot_9' })).toBe('Run book delivery slot with:\n  - order id: #W1\n  - slot id: slot_9');
  });

  it('numbers several actions and says how to confirm', () => {
    const text = confirmationStatement(
      [
        { name: 'cancel_pending_order', args: { order_id: '#W1', reason: 'no longer needed' } },
        { name: 'cancel_pending_order', args: { order_id: '#W2', reason: 'ordered by mistake' } },
      ],
      known,
    );
    expect(text).toMatch(/^Here is exactly what I will do:\n1\. Cancel order #W1 .*\n2\. Cancel order #W2 /);
    expect(text).toMatch(/Reply "yes" to confirm; anything else cancels it\.$/);
  });

  it('states an order from its quote: each line, every discount with its cause, shipping, tax, total, payer and address', () => {
    const search = new ToolMessage({
      tool_call_id: 'c3',
      content: JSON.stringify({ hits: [{ variant_id: '555', product_name: 'Yoga Mat', options: { thickness: '4mm', color: 'blue' }, price: 92.53, available: true }] }),
    });
    const coupon = { source: 'coupon', id: 'WELCOME10', name: 'Welcome', description: '10% off', amount: 9.25 };
    const quote = new ToolMessage({
      tool_call_id: 'c4',
      content: JSON.stringify({
        quote_id: 'Q1',
        lines: [{ item_id: '555', quantity: 1, unit_price: 92.53, adjustments: [coupon] }],
        order_adjustments: [coupon],
        shipping: { amount: 0 },
        tax: { amount: 5.5, state: 'PA' },
        total: 88.78,
        ship_to: { address1: '1 Main St', city: 'Austin', state: 'TX', zip: '78701', country: 'USA' },
      }),
    });
    const text = renderAction('create_order', { quote_id: 'Q1', payment_method_id: 'paypal_1' }, knownItems([search, quote]), knownQuotes([search, quote]));
    expect(text).toBe(
      'Place an order (quote Q1):\n  - 1 x Yoga Mat (4mm, blue), item 555, $92.53 each\ncoupon WELCOME10 (10% off): -$9.25; shipping $0.00; tax $5.50\n' +
        'Total $88.78, paid with paypal_1. Ships to: 1 Main St, Austin, TX, 78701, USA.',
    );
    expect(renderAction('create_order', { quote_id: 'Q9', payment_method_id: 'paypal_1' })).toBe('Place an order from quote Q9, paid with paypal_1.');
  });
});
