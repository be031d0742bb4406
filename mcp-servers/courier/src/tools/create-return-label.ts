import { z } from 'zod';
import { shipmentFacts } from './shipment-access.ts';
import { tool } from './tool.ts';
import { labelOut, labelShape, trackingIdField } from './wire-shapes.ts';

export const createReturnLabel = tool({
  name: 'create_return_label',
  title: 'Create a return label',
  description:
    'Creates a prepaid return label for items of a delivered parcel, with a label id and the carrier reference to print. ' +
    'The same items again return the same label (created: false) unless it was voided. Use after the return is accepted ' +
    '(return_delivered_order_items); undo with void_return_label.',
  kind: 'write',
  effects: 'backend',
  action: 'label.create',
  annotations: { idempotentHint: true, destructiveHint: false },
  input: {
    tracking_id: trackingIdField,
    item_ids: z.array(z.string().regex(/^\d+$/, 'item ids are numeric strings')).min(1).max(50).describe('items of the parcel being returned'),
  },
  output: {
    ...labelShape,
    created: z.boolean().optional().describe('true when this call created the label; false when the same items already had a label (not voided), which is returned as is (absent from results stored before this field existed, which a retry with their key replays; then nothing is undone)'),
  },
  assess: ({ tracking_id }, ctx) => shipmentFacts(tracking_id, ctx),
  // Found already there (created: false): this call made nothing, so a rollback must not void that label.
  compensation: { tool: 'void_return_label', args: (_input, output) => (output.created ? { label_id: output.label_id } : null) },
  async handler({ tracking_id, item_ids }, ctx) {
    const { label, created } = await ctx.backend.createReturnLabel(tracking_id, item_ids, ctx.now());
    return { ...labelOut(label), created };
  },
});
