import { z } from 'zod';
import { shipmentFacts } from './shipment-access.ts';
import { tool } from './tool.ts';
import { slotIdField, trackingIdField } from './wire-shapes.ts';

export const releaseDeliverySlot = tool({
  name: 'release_delivery_slot',
  title: 'Release a delivery slot',
  description:
    'Frees a parcel\'s booked home-delivery window (the parcel is then delivered on the carrier\'s own schedule). ' +
    'Give slot_id to release only if that slot is still the booked one. Releasing when nothing is booked changes nothing.',
  kind: 'write',
  effects: 'backend',
  action: 'slot.release',
  compensation: { none: 'undoes book_delivery_slot; book a slot again (the freed one may have been taken)' },
  annotations: { idempotentHint: true, destructiveHint: false },
  input: { tracking_id: trackingIdField, slot_id: slotIdField.optional().describe('release only if this is the booked slot') },
  output: {
    tracking_id: z.string().describe('the parcel'),
    released_slot_id: z.string().nullable().describe('the slot freed, or null when none was booked'),
  },
  assess: ({ tracking_id }, ctx) => shipmentFacts(tracking_id, ctx),
  async handler({ tracking_id, slot_id }, ctx) {
    const { previousSlotId } = await ctx.backend.releaseSlot(tracking_id, ctx.now(), slot_id);
    return { tracking_id, released_slot_id: previousSlotId };
  },
});
