import { failedPrecondition, invalidArgument, notFound } from '@agentic-commerce/kit';
import type { Order, PaymentMethod, Product, User } from './records.ts';

/** The message used for a missing order and for another customer's order alike (no leak of existence). */
export const orderNotFound = (orderId: string) => `order ${orderId} not found; check the id (it looks like "#W0000000")`;
export const userNotFound = (userId: string) => `user ${userId} not found`;

export function requireStatus(order: Order, expected: 'pending' | 'delivered', verb: string): void {
  if (order.status !== expected) {
    throw failedPrecondition(`order ${order.order_id} is '${order.status}'; only '${expected}' orders can be ${verb}`, {
      orderId: order.order_id,
      status: order.status,
    });
  }
}

/** Every id must occur in the order at least as often as in `itemIds` (duplicates are allowed on both sides). */
export function requireItemsInOrder(order: Order, itemIds: readonly string[]): void {
  const have = new Map<string, number>();
  for (const item of order.items) have.set(item.item_id, (have.get(item.item_id) ?? 0) + 1);
  const want = new Map<string, number>();
  for (const id of itemIds) want.set(id, (want.get(id) ?? 0) + 1);
  for (const [id, count] of want) {
    if (count > (have.get(id) ?? 0)) {
      const listed = order.items.map((i) => i.item_id).join(', ');
      const times = count > 1 ? ` ${count} times` : '';
      throw invalidArgument(`item ${id} is not in order ${order.order_id}${times}; its items are: ${listed}`, {
        itemId: id,
      });
    }
  }
}

export function requirePaymentMethod(user: User, userId: string, paymentMethodId: string): PaymentMethod {
  const method = user.payment_methods[paymentMethodId];
  if (!method) {
    throw notFound(`payment method ${paymentMethodId} not found for user ${userId}; theirs are: ${Object.keys(user.payment_methods).join(', ')}`, {
      paymentMethodId,
    });
  }
  return method;
}

/** Checks a gift card can pay `amount`; other sources always can. */
export function requireGiftCardCovers(method: PaymentMethod, amount: number, purpose: string): void {
  if (method.source === 'gift_card' && (method.balance ?? 0) < amount) {
    throw failedPrecondition(
      `gift card ${method.id} has ${(method.balance ?? 0).toFixed(2)} USD, not enough to pay ${amount.toFixed(2)} USD for ${purpose}; choose another payment method`,
      { paymentMethodId: method.id, balance: method.balance ?? 0, amount },
    );
  }
}

/** The new variant must be an available variant of `productId`. */
export function requireAvailableVariant(products: ReadonlyMap<string, Product>, productId: string, newItemId: string) {
  const product = products.get(productId);
  const variant = product?.variants[newItemId];
  if (!product || !variant || !variant.available) {
    const options = product
      ? Object.values(product.variants)
          .filter((v) => v.available)
          .map((v) => v.item_id)
          .join(', ')
      : '';
    throw failedPrecondition(
      `new item ${newItemId} is not an available variant of product ${productId}${product ? ` (${product.name}); available variants: ${options}` : ''}`,
      { itemId: newItemId, productId },
    );
  }
  return variant;
}
