import { BACK_OFFICE, notFound } from '@agentic-commerce/kit';
import { orderIdField, reservationOut, reservationShape } from './output-shapes.ts';
import { tool } from './tool.ts';

const notFoundText = (orderId: string) => `no reservation for order ${orderId}`;

export const releaseReservation = tool({
  name: 'release_reservation',
  title: 'Release an order\'s reserved stock',
  description:
    'Returns the stock held for a pending order to available stock, e.g. when the order is cancelled or its creation ' +
    'failed. Releasing an already released reservation returns it unchanged; a shipped order cannot be released.',
  kind: 'write',
  callers: BACK_OFFICE, // keyed by an OMS order id this server cannot tie to a customer
  effects: 'backend',
  action: 'stock.release',
  compensation: { none: 'undoes reserve_stock; reserve again to take the stock back' },
  annotations: { idempotentHint: true, destructiveHint: false },
  input: { order_id: orderIdField },
  output: reservationShape,
  async assess({ order_id }, ctx) {
    const existing = await ctx.backend.getReservation(order_id);
    if (!existing) throw notFound(notFoundText(order_id));
    await ctx.access.assertCustomer(existing.customerId, notFoundText(order_id));
    return { customerId: existing.customerId, orderId: order_id, status: existing.status };
  },
  async handler({ order_id }, ctx) {
    return reservationOut(await ctx.backend.release(order_id, ctx.now()));
  },
});
