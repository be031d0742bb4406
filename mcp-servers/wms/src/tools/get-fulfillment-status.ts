import { notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { fulfillmentOut, fulfillmentShape } from './output-shapes.ts';
import { tool } from './tool.ts';

export const getFulfillmentStatus = tool({
  name: 'get_fulfillment_status',
  title: 'Get picking/packing status of a parcel',
  description:
    'Warehouse progress of one parcel by its tracking id: pending, picking, packed or shipped. Use it for "has my order ' +
    'left the warehouse?"; once shipped, track_shipment (courier) has the delivery progress.',
  kind: 'read',
  input: { tracking_id: z.string().regex(/^\d+$/, 'tracking ids are numeric strings such as "357962501027"').describe('tracking id from the order fulfillments') },
  output: fulfillmentShape,
  async handler({ tracking_id }, ctx) {
    const message = `no fulfillment with tracking id ${tracking_id}`;
    const fulfillment = await ctx.backend.getFulfillment(tracking_id);
    if (!fulfillment) throw notFound(message);
    await ctx.access.assertCustomer(fulfillment.customerId, message);
    return fulfillmentOut(fulfillment);
  },
});
