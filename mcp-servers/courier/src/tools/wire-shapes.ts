import { z } from 'zod';
import { DESTINATION_KINDS, PICKUP_STATUSES, PICKUP_WINDOWS, type DeliverySlot, type ReturnLabel, type ReturnPickup, type Shipment } from '../domain/types.ts';

/** Input and output shapes shared by the courier tools (snake_case like the τ-bench tools). */
export const trackingIdField = z.string().regex(/^\d+$/, 'tracking ids are numeric strings such as "357962501027"').describe('tracking id from the order fulfillments');
export const slotIdField = z.string().regex(/^\d{3}-\d{4}-\d{2}-\d{2}-\d{4}$/, 'slot ids look like "100-2026-05-03-0900" (list_delivery_slots)').describe('delivery slot id from list_delivery_slots');

export const addressShape = z.object({
  address1: z.string().min(1).describe('street line, e.g. "215 River Road"'),
  address2: z.string().describe('second line, e.g. "Suite 991"; empty string when none'),
  city: z.string().min(1).describe('city'),
  state: z.string().min(1).describe('state code, e.g. "NY"'),
  country: z.string().min(1).describe('country, e.g. "USA"'),
  zip: z.string().regex(/^\d{5}$/, 'use a 5-digit zip code').describe('5-digit zip code'),
});

export const destinationShape = z.object({
  kind: z.enum(DESTINATION_KINDS).describe('address: home delivery; pickup_point or locker: collected by the customer'),
  location_id: z.string().nullable().describe('pickup point or locker id; null for an address'),
  address: addressShape.describe('where the parcel goes'),
});

export const destinationOut = (d: Shipment['destination']) => ({ kind: d.kind, location_id: d.locationId, address: d.address });

export const slotShape = z.object({
  slot_id: z.string().describe('slot id to book'),
  day: z.string().describe('YYYY-MM-DD'),
  window_start: z.string().describe('HH:MM (UTC)'),
  window_end: z.string().describe('HH:MM (UTC)'),
  remaining: z.number().int().describe('places left'),
  full: z.boolean().describe('true when no place is left'),
});

export const slotOut = (s: DeliverySlot) => ({
  slot_id: s.slotId,
  day: s.day,
  window_start: s.windowStart,
  window_end: s.windowEnd,
  remaining: Math.max(0, s.capacity - s.booked),
  full: s.booked >= s.capacity,
});

export const bookingShape = {
  tracking_id: z.string().describe('the parcel'),
  slot: slotShape.describe('the booked slot'),
  previous_slot_id: z.string().nullable().describe('the slot booked before this call, if any (freed when different)'),
};

export const pickupShape = {
  pickup_id: z.string().describe('return pickup id, e.g. "PU00000001"'),
  tracking_id: z.string().describe('the delivered parcel being returned'),
  order_id: z.string().describe('order of the parcel'),
  day: z.string().describe('pickup day, YYYY-MM-DD'),
  window: z.enum(PICKUP_WINDOWS).describe('morning (09:00-13:00) or afternoon (13:00-18:00)'),
  address: addressShape.describe('where the courier collects the parcel'),
  status: z.enum(PICKUP_STATUSES).describe('scheduled, cancelled or completed'),
};

export const pickupOut = (p: ReturnPickup) => ({
  pickup_id: p.pickupId,
  tracking_id: p.trackingId,
  order_id: p.orderId,
  day: p.day,
  window: p.window,
  address: p.address,
  status: p.status,
});

export const labelShape = {
  label_id: z.string().describe('return label id, e.g. "RL00000001"'),
  carrier_reference: z.string().describe('carrier reference printed on the label'),
  tracking_id: z.string().describe('the delivered parcel'),
  order_id: z.string().describe('order of the parcel'),
  item_ids: z.array(z.string()).describe('items covered by the label'),
  created_at: z.string().describe('ISO time the label was created'),
};

export const labelOut = (l: ReturnLabel) => ({
  label_id: l.labelId,
  carrier_reference: l.carrierReference,
  tracking_id: l.trackingId,
  order_id: l.orderId,
  item_ids: l.itemIds,
  created_at: l.createdAt,
});
