import { notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { tool } from './tool.ts';
import { labelOut, labelShape } from './wire-shapes.ts';

const notFoundText = (labelId: string) => `no return label ${labelId}`;

export const voidReturnLabel = tool({
  name: 'void_return_label',
  title: 'Void a return label',
  description:
    'Voids a return label so it can no longer be used (e.g. the customer keeps the items or a courier pickup collects ' +
    'them instead). Voiding twice changes nothing; a label whose parcel was already collected cannot be voided. The ' +
    'same items can get a new label afterwards (create_return_label).',
  kind: 'write',
  effects: 'backend',
  action: 'label.void',
  compensation: { none: 'undoes create_return_label; create a new label for the items instead' },
  annotations: { idempotentHint: true },
  input: { label_id: z.string().regex(/^RL\d+$/, 'label ids look like "RL00000001"').describe('return label id from create_return_label') },
  output: {
    ...labelShape,
    voided_at: z.string().describe('ISO time the label was voided'),
  },
  async assess({ label_id }, ctx) {
    const label = await ctx.backend.getReturnLabel(label_id);
    if (!label) throw notFound(notFoundText(label_id));
    await ctx.access.assertCustomer(label.customerId, notFoundText(label_id));
    return { customerId: label.customerId, orderId: label.orderId };
  },
  async handler({ label_id }, ctx) {
    const label = await ctx.backend.voidReturnLabel(label_id, ctx.now());
    return { ...labelOut(label), voided_at: label.voidedAt! };
  },
});
