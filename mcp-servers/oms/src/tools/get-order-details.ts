import { orderIdField } from './fields.ts';
import { orderFor } from './order-access.ts';
import { orderOutput } from './order-output.ts';
import { tool } from './tool.ts';

export const getOrderDetails = tool({
  name: 'get_order_details',
  title: 'Get order details',
  description:
    'Get the status and details of an order: items (with item ids and prices), shipping address, fulfillments with tracking ids, and payment history. Check the status here before cancelling, modifying, returning or exchanging.',
  kind: 'read',
  input: { order_id: orderIdField },
  output: orderOutput,
  async handler({ order_id }, ctx) {
    return orderFor(ctx, order_id);
  },
});
