import { invalidArgument, type ToolContext } from '@agentic-commerce/kit';
import { z } from 'zod';

/** An optional customer id: a customer principal (or an agent bound to one) may leave it out. */
export const optionalCustomerId = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe('customer (user) id, e.g. "sara_doe_496"; defaults to the customer this session is limited to');

/**
 * The customer a call is about: the given id, checked against what the principal may see (another customer's id is
 * answered with `notFoundMessage`, exactly like a missing one), or the customer the principal is limited to.
 */
export async function resolveCustomer(
  given: string | undefined,
  ctx: ToolContext<unknown>,
  notFoundMessage: (customerId: string) => string,
): Promise<string> {
  if (given !== undefined) {
    await ctx.access.assertCustomer(given, notFoundMessage(given));
    return given;
  }
  const bound = await ctx.access.boundCustomerId();
  if (bound === undefined) throw invalidArgument('customer_id is required: this session is not limited to one customer');
  return bound;
}
