import { z } from 'zod';
import { shipmentFacts } from './shipment-access.ts';
import { tool } from './tool.ts';
import { trackingIdField } from './wire-shapes.ts';

export const createReturnLabel = tool({
  name: 'create_return_label',
  title: 'Create a return label',
  description:
    'Creates a prepaid return label for items of a delivered parcel, with a label id and the carrier reference to print. ' +
    'The same items again return the same label. Use after the return is accepted (return_delivered_order_items).',
  kind: 'write',
  effects: 'backend',
  action: 'label.create',
  annotations: { idempotentHint: true, destructiveHint: false },
  input: {
    tracking_id: trackingIdField,
    item_ids: z.array(z.string().regex(/^\d+$/, 'item ids are numeric strings')).min(1).max(50).describe('items of the parcel being returned'),
  },
  output: {
    label_id: z.string().describe('return label id, e.g. "RL00000001"'),
    carrier_reference: z.string().describe('carrier reference printed on the label'),
    tracking_id: z.string().describe('the delivered parcel'),
    order_id: z.string().describe('order of the parcel'),
    item_ids: z.array(z.string()).describe('items covered by the label'),
    created_at: z.string().describe('ISO time the label was created'),
  },
  assess: ({ tracking_id }, ctx) => shipmentFacts(tracking_id, ctx),
  async handler({ tracking_id, item_ids }, ctx) {
    const label = await ctx.backend.createReturnLabel(tracking_id, item_ids, ctx.now());
    return {
      label_id: label.labelId,
      carrier_reference: label.carrierReference,
      tracking_id,
      order_id: label.orderId,
      item_ids: label.itemIds,
      created_at: label.createdAt,
    };
  },
});
