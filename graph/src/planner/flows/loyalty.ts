import { call, resultOf, say, type Flow } from './flow-context.ts';

/** Loyalty points balance of the authenticated customer. */
export const loyalty: Flow = (ctx) => {
  const customerId = ctx.facts.userId;
  if (!customerId) return say('Please verify your identity first: your email, or your name and zip code.');
  const args = { customer_id: customerId };
  const balance = resultOf(ctx, 'get_loyalty_balance', args);
  if (!balance) return call('get_loyalty_balance', args);
  if (!balance.ok) return say(`I could not read your points: ${balance.text}`);
  const data = (balance.data ?? {}) as { points?: number; segment?: string };
  return say(`You have ${data.points ?? 0} loyalty points${data.segment ? ` (${data.segment} member)` : ''}.`);
};
