import { BACK_OFFICE } from '@agentic-commerce/kit';
import { z } from 'zod';
import { normalizeLines } from '../domain/normalize-lines.ts';
import { itemIdField, orderIdField, reservationOut, reservationShape } from './output-shapes.ts';
import { tool } from './tool.ts';

const notFoundText = (orderId: string) => `no order ${orderId} found for this customer`;

export const reserveStock = tool({
  name: 'reserve_stock',
  title: 'Reserve stock for an order',
  description:
    'Holds stock for a pending order so it cannot be sold twice. Ships from one warehouse when one can ship everything, ' +
    'otherwise splits. Idempotent per order: the same lines again return the existing reservation (created: false). Usually called by ' +
    'the OMS when an order is created; undo with release_reservation.',
  kind: 'write',
  callers: BACK_OFFICE, // keyed by an OMS order id this server cannot tie to a customer
  effects: 'backend',
  action: 'stock.reserve',
  annotations: { idempotentHint: true, destructiveHint: false },
  input: {
    order_id: orderIdField,
    customer_id: z.string().min(1).describe('customer who owns the order, e.g. "sara_doe_496"'),
    lines: z
      .array(z.object({ item_id: itemIdField, quantity: z.number().int().min(1).describe('units to hold') }))
      .min(1)
      .max(100)
      .describe('variants and quantities to hold (1-100 lines; repeated variants are added up)'),
    ship_to_zip: z.string().regex(/^\d{5}$/, 'use a 5-digit zip code').optional().describe('destination zip; warehouses serving it are preferred'),
  },
  output: {
    ...reservationShape,
    created: z.boolean().optional().describe('true when this call held the units (new or renewed reservation); false when the order already held them, so nothing new was held (absent from results stored before this field existed, which a retry with their key replays; then nothing is undone)'),
  },
  async assess({ order_id, customer_id }, ctx) {
    const existing = await ctx.backend.getReservation(order_id);
    if (existing) await ctx.access.assertCustomer(existing.customerId, notFoundText(order_id));
    await ctx.access.assertCustomer(customer_id, notFoundText(order_id));
    return { customerId: customer_id, orderId: order_id, status: existing?.status ?? 'none' };
  },
  // A call that found the order's units already held created nothing: releasing them would undo someone else's hold.
  compensation: { tool: 'release_reservation', args: (input, output) => (output.created === false ? null : { order_id: input.order_id }) },
  async handler({ order_id, customer_id, lines, ship_to_zip }, ctx) {
    const requested = normalizeLines(lines.map((l) => ({ itemId: l.item_id, quantity: l.quantity })));
    const reservation = await ctx.backend.reserve({ orderId: order_id, customerId: customer_id, lines: requested, shipToZip: ship_to_zip }, ctx.now());
    return { ...reservationOut(reservation), created: reservation.created };
  },
});
