import { invalidArgument } from '@agentic-commerce/kit';
import { z } from 'zod';
import { DESTINATION_KINDS, type Address, type DestinationKind } from '../domain/types.ts';
import type { DestinationRequest } from '../store/courier-backend.ts';
import { shipmentFacts } from './shipment-access.ts';
import { tool } from './tool.ts';
import { addressShape, destinationOut, destinationShape, slotIdField, trackingIdField } from './wire-shapes.ts';

interface RerouteInput {
  destination_kind: DestinationKind;
  address?: Address | undefined;
  location_id?: string | undefined;
  slot_id?: string | null | undefined;
}

type WireDestination = z.infer<typeof destinationShape>;

const sameDestination = (a: WireDestination, b: WireDestination) =>
  a.kind === b.kind && a.location_id === b.location_id && JSON.stringify(a.address) === JSON.stringify(b.address);

/** The destination the arguments name; refuses contradictory ones before policy or approval see them. */
function destinationOf({ destination_kind, address, location_id, slot_id }: RerouteInput): DestinationRequest {
  if (typeof slot_id === 'string' && destination_kind !== 'address') {
    throw invalidArgument(`slot_id needs destination_kind "address" (a ${destination_kind.replace('_', ' ')} has no delivery slots); leave it out or give null`);
  }
  if (destination_kind === 'address') {
    if (!address || location_id) throw invalidArgument('destination_kind "address" needs address and no location_id');
    return { kind: 'address', address };
  }
  if (!location_id || address) throw invalidArgument(`destination_kind "${destination_kind}" needs location_id and no address`);
  return { kind: destination_kind, locationId: location_id };
}

export const rerouteShipment = tool({
  name: 'reroute_shipment',
  title: 'Reroute a shipment',
  description:
    'Sends a parcel that is not yet out for delivery to another address, a pickup point or a locker. A booked delivery ' +
    'slot is freed when the parcel leaves home delivery or its area. Refused after delivery and for full lockers or ' +
    'pickup points (places with room are listed). With an address, slot_id also books a window there. Confirm the new ' +
    'destination with the customer first.',
  kind: 'write',
  effects: 'backend',
  action: 'shipment.reroute',
  input: {
    tracking_id: trackingIdField,
    destination_kind: z.enum(DESTINATION_KINDS).describe('address, pickup_point or locker'),
    address: addressShape.optional().describe('the new address; required when destination_kind is "address"'),
    location_id: z.string().min(1).optional().describe('pickup point or locker id; required for those kinds'),
    slot_id: slotIdField
      .nullable()
      .optional()
      .describe('with an address: also book this delivery slot (list_delivery_slots for the new zip), moving a booked one; null frees any booked slot; left out, a booked slot stays unless the parcel leaves its area'),
    from: z
      .object({ destination: destinationShape.describe('where the parcel should be now'), slot_id: z.string().nullable().describe('its booked slot now, or null') })
      .optional()
      .describe('change nothing unless the parcel is still there with that slot; how an undo avoids overriding a later change'),
  },
  output: {
    tracking_id: z.string().describe('the parcel'),
    destination: destinationShape.describe('the new destination'),
    previous_destination: destinationShape.describe('the destination before this call'),
    slot_id: z.string().nullable().describe('the delivery slot booked after the reroute, or null'),
    previous_slot_id: z.string().nullable().describe('the delivery slot booked before this call, or null'),
    released_slot_id: z.string().nullable().describe('delivery slot freed by the reroute, or null'),
  },
  async assess(input, ctx) {
    destinationOf(input);
    return shipmentFacts(input.tracking_id, ctx);
  },
  // Back to the previous destination with the slot it had (null: none); nothing changed (same place and slot): nothing.
  compensation: {
    tool: 'reroute_shipment',
    args: ({ tracking_id }, out) => {
      const back = out.previous_destination;
      if (sameDestination(back, out.destination) && out.previous_slot_id === out.slot_id) return null;
      const where = back.kind === 'address' ? { address: back.address } : { location_id: back.location_id };
      return { tracking_id, destination_kind: back.kind, ...where, slot_id: out.previous_slot_id, from: { destination: out.destination, slot_id: out.slot_id } };
    },
  },
  async handler(input, ctx) {
    const expected = input.from && { destination: { kind: input.from.destination.kind, locationId: input.from.destination.location_id, address: input.from.destination.address }, slotId: input.from.slot_id };
    const change = await ctx.backend.reroute(input.tracking_id, destinationOf(input), ctx.now(), input.slot_id, expected);
    const { shipment, previousSlotId } = change;
    return {
      tracking_id: input.tracking_id,
      destination: destinationOut(shipment.destination),
      previous_destination: destinationOut(change.previousDestination),
      slot_id: shipment.slotId,
      previous_slot_id: previousSlotId,
      released_slot_id: previousSlotId !== null && shipment.slotId !== previousSlotId ? previousSlotId : null,
    };
  },
});
