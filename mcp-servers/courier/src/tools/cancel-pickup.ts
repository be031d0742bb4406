import { notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { tool } from './tool.ts';
import { pickupOut, pickupShape } from './wire-shapes.ts';

const notFoundText = (pickupId: string) => `no return pickup ${pickupId}`;

export const cancelPickup = tool({
  name: 'cancel_pickup',
  title: 'Cancel a return pickup',
  description:
    'Cancels a scheduled return pickup (e.g. the customer will drop the parcel off instead). Cancelling twice changes ' +
    'nothing; a completed pickup or one whose day has passed cannot be cancelled.',
  kind: 'write',
  effects: 'backend',
  action: 'pickup.cancel',
  compensation: { none: 'undoes schedule_return_pickup; schedule a new pickup instead' },
  annotations: { idempotentHint: true },
  input: { pickup_id: z.string().regex(/^PU\d+$/, 'pickup ids look like "PU00000001"').describe('return pickup id from schedule_return_pickup') },
  output: pickupShape,
  async assess({ pickup_id }, ctx) {
    const pickup = await ctx.backend.getPickup(pickup_id);
    if (!pickup) throw notFound(notFoundText(pickup_id));
    await ctx.access.assertCustomer(pickup.customerId, notFoundText(pickup_id));
    return { customerId: pickup.customerId, orderId: pickup.orderId, status: pickup.status };
  },
  async handler({ pickup_id }, ctx) {
    return pickupOut(await ctx.backend.cancelPickup(pickup_id, ctx.now()));
  },
});
