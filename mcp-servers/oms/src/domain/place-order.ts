import { failedPrecondition, invalidArgument } from '@agentic-commerce/kit';
import { GiftCardLedger } from './gift-card-ledger.ts';
import type { GiftCardBalance } from './order-change.ts';
import { requireAvailableVariant, requireGiftCardCovers, requirePaymentMethod } from './order-checks.ts';
import { roundCents } from './python-round.ts';
import type { Address, Order, OrderItem, Product, User } from './records.ts';
import type { PricedQuote, QuoteShipTo } from '../ports/pricing-port.ts';

const same = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/**
 * The address an order from `quote` ships to: the given one, else the quote's ship-to, else the customer's default.
 * A given address in another country, state or zip than the quote's is refused: tax and shipping were priced for it.
 */
export function shippingAddressFor(quote: PricedQuote, address: Address | undefined, defaultAddress: Address): Address {
  const shipTo = quote.shipTo;
  if (!shipTo) return address ?? defaultAddress;
  if (!address) return addressOf(shipTo);
  if (!same(address.country, shipTo.country) || !same(address.state, shipTo.state) || !same(address.zip, shipTo.zip)) {
    const where = same(address.country, shipTo.country) ? `${shipTo.state} ${shipTo.zip}` : `${shipTo.state} ${shipTo.zip} ${shipTo.country}`;
    throw failedPrecondition(
      `quote ${quote.quoteId} was priced (tax and shipping) for ${where}; ask pricing for a new quote for this address ` +
        `(${same(address.country, shipTo.country) ? `${address.state} ${address.zip}` : `${address.state} ${address.zip} ${address.country}`}, quote_cart with it as the shipping address), or omit the address to ship to the quoted one`,
    );
  }
  return address;
}

function addressOf(shipTo: QuoteShipTo): Address {
  return { address1: shipTo.address1, address2: shipTo.address2 ?? '', city: shipTo.city, country: shipTo.country, state: shipTo.state, zip: shipTo.zip };
}

/**
 * Builds a new pending order from a pricing quote: one line per unit at the quoted unit price (with the catalog price
 * as `list_price`, which item changes are priced from), one payment of the quote total. Checks the quote belongs to the customer and is still valid, every variant is available,
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
      items.push({ name, product_id: line.productId, item_id: line.itemId, price: roundCents(line.unitPrice), options: { ...variant.options }, list_price: variant.price });
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
