import { describe, expect, it } from 'vitest';
import { indexedTokens } from '../nlu/indexed-tokens.ts';
import { loadFixture } from '../testing/tau-simulator.ts';
import { findItemMentions } from './order-lines.ts';
import { resolveVariant } from './variant-match.ts';

const fixture = loadFixture();

function change(orderId: string, text: string) {
  const order = fixture.orders[orderId];
  if (!order) throw new Error(`fixture lacks ${orderId}`);
  return findItemMentions(text, order.items.map((i) => i.name)).map((mention) => {
    const line = order.items.find((i) => i.name === mention.productName);
    if (!line) throw new Error('no line');
    const product = fixture.products[line.product_id];
    const wanted = mention.wanted.length > 0 ? mention.wanted : mention.current;
    return { item: line.item_id, result: resolveVariant(line.options, Object.values(product?.variants ?? {}), wanted) };
  });
}

describe('item descriptions matched to order lines and catalog variants', () => {
  it('finds each product named in a list, with what is wanted instead', () => {
    const mentions = findItemMentions('change the cycling helmet to high ventilation, the espresso machine to a 1L manual one and the garden hose to black latex', [
      'Cycling Helmet',
      'Garden Hose',
      'Espresso Machine',
    ]);
    expect(mentions.map((m) => [m.productName, m.wanted.map((t) => t.word).join(' ')])).toEqual([
      ['Cycling Helmet', 'high ventilation'],
      ['Espresso Machine', 'a 1l manual one'],
      ['Garden Hose', 'black latex'],
    ]);
  });

  it('resolves "same product, these options" to the variant that keeps the rest (τ-bench task 12)', () => {
    const results = change('#W2912646', 'change the sunglasses to a black frame and the luggage set to a 4-piece one');
    expect(results.map((r) => [r.item, r.result.kind === 'resolved' ? r.result.variant.item_id : r.result.kind])).toEqual([
      ['9672174103', '4358482460'],
      ['6301799585', '8759627937'],
    ]);
  });

  it('reads the wanted options even without "to" ("the navy one ... a large black polyester backpack instead")', () => {
    const [result] = change('#W7303089', 'It is the navy one. I want a large black polyester backpack instead.');
    expect(result?.result.kind === 'resolved' && result.result.variant.item_id).toBe('6906307980');
  });

  it('reports an option combination that does not exist instead of picking something close', () => {
    const order = fixture.orders['#W9994227'];
    const line = order?.items[0];
    const product = fixture.products[line?.product_id ?? ''];
    const result = resolveVariant(line?.options ?? {}, Object.values(product?.variants ?? {}), indexedTokens('a purple one'));
    expect(result.kind).toBe('nothing-requested');
  });
});
