import { requireStatus } from './order-checks.ts';
import type { OrderChange } from './order-change.ts';
import type { Address, Order } from './records.ts';

/** Changes the shipping address of a pending order (nothing else changes). */
export function modifyPendingOrderAddress(order: Order, address: Address): OrderChange {
  requireStatus(order, 'pending', 'modified');
  return { orderId: order.order_id, address: { ...address } };
}
