import { z } from 'zod';
import { PICKUP_HORIZON_DAYS } from '../domain/return-rules.ts';
import { PICKUP_WINDOWS } from '../domain/types.ts';
import { shipmentFacts } from './shipment-access.ts';
import { tool } from './tool.ts';
import { addressShape, pickupOut, pickupShape, trackingIdField } from './wire-shapes.ts';

export const scheduleReturnPickup = tool({
  name: 'schedule_return_pickup',
  title: 'Schedule a return pickup',
  description:
    `Books a courier to collect a delivered parcel being returned, on a day from tomorrow up to ${PICKUP_HORIZON_DAYS} days ahead, ` +
    'at the delivery address unless another is given. One scheduled pickup per parcel; the same request again returns ' +
    'it (created: false). Use after the return is accepted (return_delivered_order_items); undo with cancel_pickup.',
  kind: 'write',
  effects: 'backend',
  action: 'pickup.schedule',
  annotations: { idempotentHint: true, destructiveHint: false },
  input: {
    tracking_id: trackingIdField,
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD').describe('pickup day, YYYY-MM-DD'),
    window: z.enum(PICKUP_WINDOWS).describe('morning (09:00-13:00) or afternoon (13:00-18:00)'),
    address: addressShape.optional().describe('collection address; defaults to the delivery address'),
  },
  output: {
    ...pickupShape,
    created: z.boolean().optional().describe('true when this call scheduled the pickup; false when the same pickup was already scheduled and is returned as is (absent from results stored before this field existed, which a retry with their key replays; then nothing is undone)'),
  },
  assess: ({ tracking_id }, ctx) => shipmentFacts(tracking_id, ctx),
  // Found already scheduled (created: false): this call made nothing, so a rollback must not cancel that pickup.
  compensation: { tool: 'cancel_pickup', args: (_input, output) => (output.created ? { pickup_id: output.pickup_id } : null) },
  async handler({ tracking_id, day, window, address }, ctx) {
    const { pickup, created } = await ctx.backend.schedulePickup({ trackingId: tracking_id, day, window, address }, ctx.now());
    return { ...pickupOut(pickup), created };
  },
});
