import { shipmentFacts } from './shipment-access.ts';
import { tool } from './tool.ts';
import { bookingShape, slotIdField, slotOut, trackingIdField } from './wire-shapes.ts';

export const rescheduleDelivery = tool({
  name: 'reschedule_delivery',
  title: 'Reschedule a delivery',
  description:
    'Moves a parcel\'s home delivery to another window (from list_delivery_slots), freeing the old one; books it when ' +
    'none was booked. Refused for slots already started, full slots (alternatives listed), and parcels out for ' +
    'delivery or delivered. Confirm the new slot with the customer first.',
  kind: 'write',
  effects: 'backend',
  action: 'delivery.reschedule',
  annotations: { idempotentHint: true, destructiveHint: false },
  input: { tracking_id: trackingIdField, slot_id: slotIdField.describe('the new delivery slot id from list_delivery_slots') },
  output: bookingShape,
  assess: ({ tracking_id }, ctx) => shipmentFacts(tracking_id, ctx),
  async handler({ tracking_id, slot_id }, ctx) {
    const { previousSlotId } = await ctx.backend.reschedule(tracking_id, slot_id, ctx.now());
    const slot = await ctx.backend.getSlot(slot_id);
    return { tracking_id, slot: slotOut(slot!), previous_slot_id: previousSlotId };
  },
});
