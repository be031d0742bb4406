import { failedPrecondition, invalidArgument } from '@agentic-commerce/kit';
import { GiftCardLedger } from './gift-card-ledger.ts';
import type { GiftCardBalance } from './order-change.ts';
import { requireAvailableVariant, requireGiftCardCovers, requirePaymentMethod } from './order-checks.ts';
import { roundCents } from './python-round.ts';
import type { Address, Order, OrderItem, Product, User } from './records.ts';
import type { PricedQuote } from '../ports/pricing-port.ts';

/**
 * Builds a new pending order from a pricing quote: one line per unit at the quoted unit price, one payment of
 * the quote total. Checks the quote belongs to the customer and is still valid, every variant is available,
 * and a gift card covers the total. Returns the gift-card balance to set.
 */
export function placeOrder(input: {
  orderId: string;
  userId: string;
  user: User;
  quote: PricedQuote;
  products: ReadonlyMap<string, Product>;
  address: Address;
  paymentMethodId: string;
  now: Date;
}): { order: Order; giftCardBalances: GiftCardBalance[] } {
  const { quote, user, userId } = input;
  if (Date.parse(quote.expiresAt) <= input.now.getTime()) {
    throw failedPrecondition(`quote ${quote.quoteId} expired at ${quote.expiresAt}; ask for a new quote (quote_cart) and try again`);
  }
  if (quote.lines.length === 0) throw invalidArgument(`quote ${quote.quoteId} has no lines; quote a cart with at least one item`);
  const items: OrderItem[] = [];
  for (const line of quote.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw invalidArgument(`quote line ${line.itemId} has quantity ${line.quantity}; it must be a whole number >= 1`);
    const variant = requireAvailableVariant(input.products, line.productId, line.itemId);
    const name = input.products.get(line.productId)?.name ?? line.productId;
    for (let unit = 0; unit < line.quantity; unit++) {
      items.push({ name, product_id: line.productId, item_id: line.itemId, price: roundCents(line.unitPrice), options: { ...variant.options } });
    }
  }
  const total = roundCents(quote.total);
  const method = requirePaymentMethod(user, userId, input.paymentMethodId);
  requireGiftCardCovers(method, total, `quote ${quote.quoteId}`);
  const ledger = new GiftCardLedger(user);
  ledger.add(method.id, -total);
  const order: Order = {
    order_id: input.orderId,
    user_id: userId,
    address: { ...input.address },
    items,
    fulfillments: [],
    status: 'pending',
    payment_history: [{ transaction_type: 'payment', amount: total, payment_method_id: method.id }],
  };
  return { order, giftCardBalances: ledger.changes() };
}

/** A fresh τ-bench style order id ("#W" + 7 digits) from a random source. */
export function newOrderId(random: () => number = Math.random): string {
  return `#W${Math.floor(random() * 9_000_000 + 1_000_000)}`;
}
