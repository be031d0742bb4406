import type { Address, Order, OrderItem, OrderStatus, Transaction } from './records.ts';

/** A gift card's balance after a change (absolute, already rounded to cents). */
export interface GiftCardBalance {
  paymentMethodId: string;
  balance: number;
}

/**
 * What a domain rule decided to change in one order (and its customer's gift cards). Rules compute it from a
 * consistent read; the backend persists it in one transaction; `applyOrderChange` gives the resulting record.
 */
export interface OrderChange {
  orderId: string;
  status?: OrderStatus;
  address?: Address;
  cancelReason?: string;
  appendTransactions?: Transaction[];
  /** Line replacements by position in `order.items` (item modification). */
  replaceItems?: { position: number; item: OrderItem }[];
  returnRequest?: { itemIds: string[]; paymentMethodId: string };
  exchangeRequest?: { pairs: { itemId: string; newItemId: string }[]; paymentMethodId: string; priceDifference: number };
  giftCardBalances?: GiftCardBalance[];
}

const sorted = (ids: readonly string[]) => [...ids].sort();

/** The order record after `change` (pure; gift-card balances live on the customer and are not part of it). */
export function applyOrderChange(order: Order, change: OrderChange): Order {
  const next: Order = structuredClone(order);
  if (change.address) next.address = { ...change.address };
  if (change.replaceItems) for (const { position, item } of change.replaceItems) next.items[position] = { ...item };
  if (change.appendTransactions) next.payment_history.push(...change.appendTransactions.map((t) => ({ ...t })));
  if (change.status) next.status = change.status;
  if (change.cancelReason !== undefined) next.cancel_reason = change.cancelReason;
  if (change.returnRequest) {
    next.return_items = sorted(change.returnRequest.itemIds);
    next.return_payment_method_id = change.returnRequest.paymentMethodId;
  }
  if (change.exchangeRequest) {
    next.exchange_items = sorted(change.exchangeRequest.pairs.map((p) => p.itemId));
    next.exchange_new_items = sorted(change.exchangeRequest.pairs.map((p) => p.newItemId));
    next.exchange_payment_method_id = change.exchangeRequest.paymentMethodId;
    next.exchange_price_difference = change.exchangeRequest.priceDifference;
  }
  return next;
}
