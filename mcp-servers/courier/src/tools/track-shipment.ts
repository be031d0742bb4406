import { z } from 'zod';
import { SERVICE_LEVELS, SHIPMENT_STATUSES, TRACKING_EVENT_KINDS } from '../domain/types.ts';
import { visibleShipment } from './shipment-access.ts';
import { tool } from './tool.ts';
import { destinationOut, destinationShape, slotOut, slotShape, trackingIdField } from './wire-shapes.ts';

export const trackShipment = tool({
  name: 'track_shipment',
  title: 'Track a shipment',
  description:
    'Where a parcel is: its status, destination, booked delivery slot and every tracking event. Use it for "where is my ' +
    'order?" with a tracking id from the order\'s fulfillments (get_order_details).',
  kind: 'read',
  input: { tracking_id: trackingIdField },
  output: {
    tracking_id: z.string().describe('the parcel'),
    order_id: z.string().describe('order of the parcel'),
    status: z.enum(SHIPMENT_STATUSES).describe('current status'),
    service_level: z.enum(SERVICE_LEVELS).describe('standard, express or next_day'),
    destination: destinationShape.describe('where it goes'),
    delivery_slot: slotShape.nullable().describe('booked home-delivery slot, or null'),
    delivered_at: z.string().nullable().describe('ISO time of delivery, or null'),
    events: z
      .array(
        z.object({
          at: z.string().describe('ISO time'),
          kind: z.enum(TRACKING_EVENT_KINDS).describe('what happened'),
          location: z.string().nullable().describe('where, when known'),
          note: z.string().nullable().describe('courier note, when any'),
        }),
      )
      .describe('tracking events, oldest first'),
  },
  async handler({ tracking_id }, ctx) {
    const shipment = await visibleShipment(tracking_id, ctx);
    const [events, slot] = await Promise.all([ctx.backend.listEvents(tracking_id), shipment.slotId ? ctx.backend.getSlot(shipment.slotId) : undefined]);
    return {
      tracking_id,
      order_id: shipment.orderId,
      status: shipment.status,
      service_level: shipment.serviceLevel,
      destination: destinationOut(shipment.destination),
      delivery_slot: slot ? slotOut(slot) : null,
      delivered_at: shipment.deliveredAt,
      events,
    };
  },
});
