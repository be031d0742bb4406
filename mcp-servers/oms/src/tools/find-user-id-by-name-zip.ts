import { notFound } from '@agentic-commerce/kit';
import { z } from 'zod';
import { NO_CUSTOMER_MATCHES } from './find-user-id-by-email.ts';
import { tool } from './tool.ts';

export const findUserIdByNameZip = tool({
  name: 'find_user_id_by_name_zip',
  title: 'Find user id by name and zip',
  description:
    'Find the user id by first name, last name and zip code. Use it only when the customer cannot give an email or the email did not match. Binds an agent conversation to this customer.',
  kind: 'read',
  input: {
    first_name: z.string().min(1).describe("The first name of the customer, such as 'John'."),
    last_name: z.string().min(1).describe("The last name of the customer, such as 'Doe'."),
    zip: z.string().min(1).describe("The zip code of the customer, such as '12345'."),
  },
  output: { user_id: z.string().describe("the customer's user id, e.g. 'sara_doe_496'") },
  async handler({ first_name, last_name, zip }, ctx) {
    const userId = await ctx.backend.findCustomerIdByNameZip(first_name, last_name, zip);
    if (!userId) throw notFound(NO_CUSTOMER_MATCHES);
    await ctx.access.bindCustomer(userId);
    return { user_id: userId };
  },
});
