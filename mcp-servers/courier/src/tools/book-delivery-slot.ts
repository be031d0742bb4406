import { shipmentFacts } from './shipment-access.ts';
import { tool } from './tool.ts';
import { bookingShape, slotIdField, slotOut, trackingIdField } from './wire-shapes.ts';

export const bookDeliverySlot = tool({
  name: 'book_delivery_slot',
  title: 'Book a delivery slot',
  description:
    'Books a home-delivery window (from list_delivery_slots) for a parcel that has none. A full slot is refused with ' +
    'alternatives; a parcel already booked must use reschedule_delivery. Confirm the slot with the customer first.',
  kind: 'write',
  effects: 'backend',
  action: 'slot.book',
  annotations: { idempotentHint: true, destructiveHint: false },
  input: { tracking_id: trackingIdField, slot_id: slotIdField },
  output: bookingShape,
  assess: ({ tracking_id }, ctx) => shipmentFacts(tracking_id, ctx),
  // Booked in this slot before this call (previous_slot_id is the slot): the call booked nothing to release.
  compensation: {
    tool: 'release_delivery_slot',
    args: (input, output) => (output.previous_slot_id === input.slot_id ? null : { tracking_id: input.tracking_id, slot_id: input.slot_id }),
  },
  async handler({ tracking_id, slot_id }, ctx) {
    const { previousSlotId } = await ctx.backend.bookSlot(tracking_id, slot_id, ctx.now());
    const slot = await ctx.backend.getSlot(slot_id);
    return { tracking_id, slot: slotOut(slot!), previous_slot_id: previousSlotId };
  },
});
