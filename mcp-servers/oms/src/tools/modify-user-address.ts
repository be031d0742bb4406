import { addressSchema, userSchema } from '../domain/records.ts';
import { modifyUserAddress as addressRule } from '../domain/modify-user-address.ts';
import { addressFields, userIdField } from './fields.ts';
import { userFor } from './order-access.ts';
import { tool } from './tool.ts';

export const modifyUserAddress = tool({
  name: 'modify_user_address',
  title: 'Modify user address',
  description:
    "Change the customer's default address (existing orders keep theirs; use modify_pending_order_address for those). Explain the change and get the customer's explicit yes first. Returns the profile after the change, with the previous address.",
  kind: 'write',
  effects: 'backend',
  action: 'customer.modify_address',
  annotations: { idempotentHint: true },
  input: { user_id: userIdField, ...addressFields },
  output: { ...userSchema.shape, previous_address: addressSchema.describe('the default address before this change') },
  async assess({ user_id }, ctx) {
    await userFor(ctx, user_id, true);
    return { customerId: user_id, amount: 0 };
  },
  compensation: {
    tool: 'modify_user_address',
    args: (input, output) => ({ user_id: input.user_id, ...output.previous_address }),
  },
  async handler({ user_id, address1, address2, city, state, country, zip }, ctx) {
    const user = await userFor(ctx, user_id, true);
    const next = addressRule(user, { address1, address2, city, state, country, zip });
    await ctx.backend.setCustomerAddress(user_id, next.address);
    return { ...next, previous_address: user.address };
  },
});
