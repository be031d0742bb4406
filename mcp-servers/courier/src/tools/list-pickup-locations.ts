import { invalidArgument } from '@agentic-commerce/kit';
import { z } from 'zod';
import { DESTINATION_KINDS, type PickupLocation } from '../domain/types.ts';
import { areaOf } from '../domain/zip-area.ts';
import { visibleShipment } from './shipment-access.ts';
import { tool } from './tool.ts';
import { addressShape, trackingIdField } from './wire-shapes.ts';

const locationKinds = DESTINATION_KINDS.filter((k) => k !== 'address') as ['pickup_point', 'locker'];

const locationOut = (l: PickupLocation) => ({
  location_id: l.locationId,
  kind: l.kind,
  name: l.name,
  address: l.address,
  remaining: Math.max(0, l.capacity - l.inUse),
  full: l.inUse >= l.capacity,
});

export const listPickupLocations = tool({
  name: 'list_pickup_locations',
  title: 'List pickup points and lockers',
  description:
    'Pickup points and parcel lockers of a parcel\'s delivery area (by tracking id) or of a zip code, with places left. ' +
    'Use it before reroute_shipment to a pickup point or locker, and offer the customer places that are not full.',
  kind: 'read',
  input: {
    tracking_id: trackingIdField.optional().describe('the parcel whose delivery area to use; give this or zip'),
    zip: z.string().regex(/^\d{5}$/, 'use a 5-digit zip code').optional().describe('5-digit zip code of the area; give this or tracking_id'),
    kind: z.enum(locationKinds).optional().describe('only pickup points or only lockers; both when omitted'),
  },
  output: {
    zip_prefix: z.string().describe('delivery area (first 3 digits of the zip code)'),
    locations: z
      .array(
        z.object({
          location_id: z.string().describe('id to give reroute_shipment as location_id'),
          kind: z.enum(locationKinds).describe('pickup_point or locker'),
          name: z.string().describe('name of the place'),
          address: addressShape.describe('where it is'),
          remaining: z.number().int().describe('places left'),
          full: z.boolean().describe('true when no place is left'),
        }),
      )
      .describe('places of the area (lockers, then pickup points); full ones are flagged'),
  },
  async handler({ tracking_id, zip, kind }, ctx) {
    if ((tracking_id === undefined) === (zip === undefined)) throw invalidArgument('give exactly one of tracking_id or zip');
    const area = areaOf(tracking_id ? (await visibleShipment(tracking_id, ctx)).destination.address.zip : zip!);
    const locations = await ctx.backend.listLocations(area);
    return { zip_prefix: area, locations: locations.filter((l) => !kind || l.kind === kind).map(locationOut) };
  },
});
