import type { OrderStatus } from './records.ts';

/** What the customer or an agent may still do with an order in `status` (the τ-bench policy). */
export function allowedActions(status: OrderStatus): string[] {
  switch (status) {
    case 'pending':
      return ['cancel_pending_order', 'modify_pending_order_address', 'modify_pending_order_payment', 'modify_pending_order_items'];
    case 'delivered':
      return ['return_delivered_order_items', 'exchange_delivered_order_items'];
    default:
      return [];
  }
}
