import { shipmentFacts } from './shipment-access.ts';
import { tool } from './tool.ts';
import { bookingShape, slotIdField, slotOut, slotShape, trackingIdField } from './wire-shapes.ts';

export const rescheduleDelivery = tool({
  name: 'reschedule_delivery',
  title: 'Reschedule a delivery',
  description:
    'Moves a parcel\'s home delivery to another window (from list_delivery_slots), freeing the old one; books it when ' +
    'none was booked. Refused for slots already started, full slots (alternatives listed), and parcels out for ' +
    'delivery or delivered. Confirm the new slot with the customer first. slot_id null frees the booked slot.',
  kind: 'write',
  effects: 'backend',
  action: 'delivery.reschedule',
  annotations: { idempotentHint: true, destructiveHint: false },
  input: {
    tracking_id: trackingIdField,
    slot_id: slotIdField
      .nullable()
      .describe('the new delivery slot id from list_delivery_slots; null frees the booked slot (as release_delivery_slot), which is how a saga undoes a reschedule of a parcel that had none'),
    from_slot_id: slotIdField
      .nullable()
      .optional()
      .describe('change nothing unless this is the slot booked now (null: none booked); how an undo avoids moving a delivery someone changed since'),
  },
  output: {
    ...bookingShape,
    slot: slotShape.nullable().describe('the booked slot; null when slot_id was null (no slot booked now)'),
  },
  assess: ({ tracking_id }, ctx) => shipmentFacts(tracking_id, ctx),
  // Back to the slot the parcel had before (null: none, so the one booked is freed); already there: nothing to undo.
  compensation: {
    tool: 'reschedule_delivery',
    args: ({ tracking_id, slot_id }, { previous_slot_id }) => (previous_slot_id === slot_id ? null : { tracking_id, slot_id: previous_slot_id, from_slot_id: slot_id }),
  },
  async handler({ tracking_id, slot_id, from_slot_id }, ctx) {
    if (slot_id === null) {
      const { previousSlotId } = await ctx.backend.releaseSlot(tracking_id, ctx.now(), from_slot_id);
      return { tracking_id, slot: null, previous_slot_id: previousSlotId };
    }
    const { previousSlotId } = await ctx.backend.reschedule(tracking_id, slot_id, ctx.now(), from_slot_id);
    const slot = await ctx.backend.getSlot(slot_id);
    return { tracking_id, slot: slotOut(slot!), previous_slot_id: previousSlotId };
  },
});
