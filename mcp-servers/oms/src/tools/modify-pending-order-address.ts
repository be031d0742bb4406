import { addressSchema } from '../domain/records.ts';
import { applyOrderChange } from '../domain/order-change.ts';
import { modifyPendingOrderAddress as addressRule } from '../domain/modify-order-address.ts';
import { addressFields, orderIdField } from './fields.ts';
import { orderFacts, orderFor } from './order-access.ts';
import { orderOutput } from './order-output.ts';
import { tool } from './tool.ts';

export const modifyPendingOrderAddress = tool({
  name: 'modify_pending_order_address',
  title: 'Modify pending order address',
  description:
    "Change the shipping address of a pending order (status 'pending' only). Explain the change and get the customer's explicit yes first. Returns the order after the change, with the previous address.",
  kind: 'write',
  effects: 'backend',
  action: 'order.modify_address',
  annotations: { idempotentHint: true },
  input: { order_id: orderIdField, ...addressFields },
  output: { ...orderOutput, previous_address: addressSchema.describe('the shipping address before this change') },
  async assess({ order_id }, ctx) {
    return orderFacts(ctx, await orderFor(ctx, order_id, true), 0);
  },
  compensation: {
    tool: 'modify_pending_order_address',
    args: (input, output) => ({ order_id: input.order_id, ...output.previous_address }),
  },
  async handler({ order_id, address1, address2, city, state, country, zip }, ctx) {
    const order = await orderFor(ctx, order_id, true);
    const change = addressRule(order, { address1, address2, city, state, country, zip });
    await ctx.backend.applyOrderChange(change, ctx.now());
    return { ...applyOrderChange(order, change), previous_address: order.address };
  },
});
