import type { Task } from '../dialogue/tasks.ts';
import { classifyMessage } from '../nlu/intent-classifier.ts';
import { extractAddress } from '../slots/address.ts';
import { extractCouponCode } from '../slots/coupon.ts';
import { extractQuantity } from '../slots/when.ts';
import { describeHit, withoutOptionValues, type Hit } from './catalog-hits.ts';
import { call, newestFirst, resultOf, say, type FlowContext, type Step } from './flow-context.ts';
import { selectPayment } from './payment-selection.ts';
import { pointsCap, pointsForPurchase } from './points-redemption.ts';
import { explainQuote, type QuoteData } from './quote-summary.ts';

interface CouponCheck {
  code: string;
  valid?: boolean;
  reason?: string | null;
  description?: string | null;
}

/**
 * Quote and order one variant: the coupon the customer gave is validated first (an unusable one is explained with
 * the system's reason, and the order goes on without it only after the customer agrees), the cart is quoted to their
 * address with the coupon and the loyalty points they asked to spend, every amount of the quote is stated, and create_order is called with the payment method
 * they named (the graph then asks for an explicit yes).
 */
export function quoteAndOrder(ctx: FlowContext, task: Task, hit: Hit): Step {
  const user = ctx.facts.user;
  const customerId = ctx.facts.userId;
  if (!user || !customerId) return say('To place an order I first need to verify your identity: your email, or your name and zip code.');
  const quantity = newestFirst(task).map((t) => extractQuantity(withoutOptionValues(t, hit))).find((q) => q !== undefined) ?? 1;
  const address = newestFirst(task).map(extractAddress).find(Boolean) ?? user.address;
  if (!address) return say('Where should the order be delivered? Please give the full address.');

  const code = newestFirst(task).map(extractCouponCode).find(Boolean);
  let coupon: string | undefined;
  let refused: CouponCheck | undefined;
  if (code && ctx.tools.has('validate_coupon')) {
    const args = { code, customer_id: customerId, subtotal: Math.round(hit.price * quantity * 100) / 100 };
    const check = resultOf(ctx, 'validate_coupon', args);
    if (!check) return call('validate_coupon', args);
    const data = (check.data ?? {}) as Omit<CouponCheck, 'code'>;
    if (check.ok && data.valid) coupon = code;
    else refused = { code, reason: check.ok ? data.reason : check.text };
  } else if (code) coupon = code;

  const points = pointsForPurchase(ctx, task, customerId);
  if (points.kind === 'step') return points.step;
  const quoteFor = (loyaltyPoints: number) => ({
    customer_id: customerId,
    lines: [{ item_id: hit.variant_id, quantity }],
    shipping_address: address,
    ...(coupon ? { coupon_code: coupon } : {}),
    ...(loyaltyPoints > 0 ? { loyalty_points: loyaltyPoints } : {}),
  });
  let quoteArgs = quoteFor(points.points);
  let quote = resultOf(ctx, 'quote_cart', quoteArgs);
  const cap = quote && !quote.ok ? pointsCap(quote.text) : undefined;
  if (cap !== undefined && cap < points.points) {
    // "All my points" are worth more than the order: use as many as the total allows.
    quoteArgs = quoteFor(cap);
    quote = resultOf(ctx, 'quote_cart', quoteArgs);
  }
  if (!quote) return call('quote_cart', quoteArgs);
  if (!quote.ok) return say(`I could not price ${describeHit(hit)}: ${quote.text}`);
  const data = (quote.data ?? {}) as QuoteData;
  if (!data.quote_id) return say('The pricing system did not return a quote id, so I cannot place the order.');
  const summary = [points.note, explainQuote(data, hit, quantity)].filter(Boolean).join(' ');
  if (refused && !agreedWithoutCoupon(ctx, refused.code)) {
    return say(
      `The coupon ${refused.code} cannot be used: ${refused.reason ?? 'the pricing system refused it'}. ${summary} Would you like me to place the order without the coupon?`,
    );
  }
  const payment = selectPayment(ctx, task, 'for this order');
  if (payment.kind === 'ask') return say(`${summary} ${payment.text}`);
  const due = data.amount_due ?? data.total ?? 0;
  if (payment.method.source === 'gift_card' && (payment.method.balance ?? 0) < due) {
    return say(`${summary} Your gift card does not cover it; which other payment method should I use?`);
  }
  return call('create_order', { quote_id: data.quote_id, payment_method_id: payment.method.id });
}

/** True when the customer said yes (or "go on without it") after the agent asked about ordering without the coupon. */
function agreedWithoutCoupon(ctx: FlowContext, code: string): boolean {
  const turns = ctx.transcript.turns;
  const asked = turns.findLastIndex((t) => t.kind === 'agent' && t.text.includes(`coupon ${code} cannot be used`));
  if (asked < 0) return false;
  return turns.slice(asked + 1).some(
    (t) => t.kind === 'customer' && (/\bwithout (the |a |any )?(coupon|code|discount)\b/i.test(t.text) || classifyMessage(t.text).some((c) => c.intent === 'affirm')),
  );
}
