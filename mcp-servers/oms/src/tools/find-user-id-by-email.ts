import { notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { tool } from './tool.ts';

/** Same text as the action layer's refusal for another customer, so a miss and a refusal look alike. */
export const NO_CUSTOMER_MATCHES = 'no customer matches those details';

export const findUserIdByEmail = tool({
  name: 'find_user_id_by_email',
  title: 'Find user id by email',
  description:
    'Find the user id of the customer you are talking to by their email. Authenticate this way first (before any other customer tool); an agent conversation is then bound to this customer. If no user matches, ask for name and zip code instead.',
  kind: 'read',
  input: { email: z.string().min(1).describe("The email of the user, such as 'something@example.com'.") },
  output: { user_id: z.string().describe("the customer's user id, e.g. 'sara_doe_496'") },
  async handler({ email }, ctx) {
    const userId = await ctx.backend.findCustomerIdByEmail(email);
    if (!userId) throw notFound(NO_CUSTOMER_MATCHES);
    await ctx.access.bindCustomer(userId);
    return { user_id: userId };
  },
});
