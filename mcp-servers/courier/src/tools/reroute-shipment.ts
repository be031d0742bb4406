import { invalidArgument } from '@agentic-commerce/kit';
import { z } from 'zod';
import { DESTINATION_KINDS, type Address, type DestinationKind } from '../domain/types.ts';
import type { DestinationRequest } from '../store/courier-backend.ts';
import { shipmentFacts } from './shipment-access.ts';
import { tool } from './tool.ts';
import { addressShape, destinationOut, destinationShape, trackingIdField } from './wire-shapes.ts';

interface RerouteInput {
  destination_kind: DestinationKind;
  address?: Address | undefined;
  location_id?: string | undefined;
}

/** The destination the arguments name; refuses contradictory ones before policy or approval see them. */
function destinationOf({ destination_kind, address, location_id }: RerouteInput): DestinationRequest {
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
    'pickup points (places with room are listed). Confirm the new destination with the customer first.',
  kind: 'write',
  effects: 'backend',
  action: 'shipment.reroute',
  input: {
    tracking_id: trackingIdField,
    destination_kind: z.enum(DESTINATION_KINDS).describe('address, pickup_point or locker'),
    address: addressShape.optional().describe('the new address; required when destination_kind is "address"'),
    location_id: z.string().min(1).optional().describe('pickup point or locker id; required for those kinds'),
  },
  output: {
    tracking_id: z.string().describe('the parcel'),
    destination: destinationShape.describe('the new destination'),
    released_slot_id: z.string().nullable().describe('delivery slot freed by the reroute, or null'),
  },
  async assess(input, ctx) {
    destinationOf(input);
    return shipmentFacts(input.tracking_id, ctx);
  },
  async handler(input, ctx) {
    const { shipment, previousSlotId } = await ctx.backend.reroute(input.tracking_id, destinationOf(input), ctx.now());
    return {
      tracking_id: input.tracking_id,
      destination: destinationOut(shipment.destination),
      released_slot_id: previousSlotId !== null && shipment.slotId === null ? previousSlotId : null,
    };
  },
});
