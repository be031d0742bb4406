import type { Task } from '../dialogue/tasks.ts';
import { extractPointsRequest } from '../slots/loyalty-points.ts';
import { call, newestFirst, resultOf, say, type FlowContext, type Step } from './flow-context.ts';

/** How many points the quote redeems, a note for the customer, or the step needed to find out. */
export type PointsDecision = { kind: 'points'; points: number; note?: string } | { kind: 'step'; step: Step };

/**
 * Loyalty points the customer asked to spend on this purchase, checked against their balance: "all my points" is the
 * whole balance (the quote then caps it at the total), a number above the balance is refused with the balance stated.
 */
export function pointsForPurchase(ctx: FlowContext, task: Task, customerId: string): PointsDecision {
  const wanted = newestFirst(task).map(extractPointsRequest).find(Boolean);
  if (!wanted || !ctx.tools.has('get_loyalty_balance') || !ctx.tools.has('quote_cart')) return { kind: 'points', points: 0 };
  const args = { customer_id: customerId };
  const balance = resultOf(ctx, 'get_loyalty_balance', args);
  if (!balance) return { kind: 'step', step: call('get_loyalty_balance', args) };
  if (!balance.ok) return { kind: 'points', points: 0, note: `I could not read your loyalty points (${balance.text}), so none are used.` };
  const points = Math.max(0, Math.floor((balance.data as { points?: number } | undefined)?.points ?? 0));
  if (points === 0) return { kind: 'points', points: 0, note: 'You have no loyalty points to use, so none are applied.' };
  if (!wanted.all && wanted.points > points) {
    return { kind: 'step', step: say(`You asked to use ${wanted.points} points, but your balance is ${points} points. How many points should I use (at most ${points})?`) };
  }
  return { kind: 'points', points: wanted.all ? points : wanted.points };
}

/** "redeem at most 1234 points on this cart": the cap the pricing server gives when the points are worth more than the total. */
export function pointsCap(refusal: string): number | undefined {
  const match = /redeem at most (\d+) points/.exec(refusal);
  return match?.[1] ? Number(match[1]) : undefined;
}
