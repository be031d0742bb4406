import { userSchema } from '../domain/records.ts';
import { userIdField } from './fields.ts';
import { userFor } from './order-access.ts';
import { tool } from './tool.ts';

export const getUserDetails = tool({
  name: 'get_user_details',
  title: 'Get user details',
  description:
    "Get the authenticated customer's profile: name, default address, email, payment methods (with gift-card balances) and order ids. Use it to look up orders or payment method ids.",
  kind: 'read',
  input: { user_id: userIdField },
  output: userSchema.shape,
  async handler({ user_id }, ctx) {
    return userFor(ctx, user_id);
  },
});
