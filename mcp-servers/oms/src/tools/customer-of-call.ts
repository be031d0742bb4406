import { invalidArgument, type ToolContext } from '@agentic-commerce/kit';
import type { OmsBackend } from '../store/oms-backend.ts';

/** The customer a storefront tool acts for: `user_id` when given, else the one the principal is bound to. */
export async function customerOfCall(ctx: ToolContext<OmsBackend>, userId: string | undefined): Promise<string> {
  const customerId = userId ?? (await ctx.access.boundCustomerId());
  if (!customerId) {
    throw invalidArgument('no customer given: pass user_id, or authenticate the customer first (find_user_id_by_email or find_user_id_by_name_zip)');
  }
  return customerId;
}
