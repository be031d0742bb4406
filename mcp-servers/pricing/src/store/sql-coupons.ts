import { conflict, failedPrecondition, notFound, type Queryable } from '@agentic-commerce/kit';
import { checkCoupon } from '../domain/coupon-rules.ts';
import { fromCents, toCents } from '../domain/money.ts';
import type { Quote } from '../domain/quote-document.ts';
import type { CouponRedemption, PricingBackend } from './pricing-backend.ts';
import type { SqlRules } from './sql-rules.ts';

interface RedemptionRow {
  order_id: string;
  code: string;
  customer_id: string;
  quote_id: string | null;
  discount: number;
  applied_at: string;
  released_at: string | null;
}

const toRedemption = (r: RedemptionRow): CouponRedemption => ({
  code: r.code,
  customerId: r.customer_id,
  orderId: r.order_id,
  quoteId: r.quote_id,
  discount: r.discount,
  appliedAt: r.applied_at,
  releasedAt: r.released_at,
});

type CouponMethods = Pick<PricingBackend, 'validateCoupon' | 'applyCoupon' | 'releaseCoupon' | 'getCouponRedemption'>;

/** Coupon validation and use. A use is keyed by order id: applying twice or releasing twice has one effect. */
export function sqlCoupons(s: string, q: Queryable, rules: SqlRules, getQuote: (id: string) => Promise<Quote | undefined>): CouponMethods {
  const redemption = async (orderId: string, lock = false) => {
    const [row] = await q.query<RedemptionRow>(`SELECT * FROM ${s}.coupon_redemptions WHERE order_id = $1${lock ? ' FOR UPDATE' : ''}`, [orderId]);
    return row && toRedemption(row);
  };
  const segmentOf = async (customerId: string) =>
    (await q.query<{ segment: string }>(`SELECT segment FROM ${s}.loyalty_accounts WHERE customer_id = $1`, [customerId]))[0]?.segment ?? 'standard';

  return {
    getCouponRedemption: (orderId) => redemption(orderId),
    async validateCoupon({ code, customerId, subtotal, now }) {
      const coupon = await rules.coupon(code);
      const normalized = code.trim().toUpperCase();
      if (!coupon) return { code: normalized, valid: false, refusal: 'unknown_code', reason: `no coupon has the code ${normalized}` };
      const usage = await rules.couponUsage(coupon.code, customerId);
      const listSubtotalCents = subtotal === undefined ? undefined : toCents(subtotal, 'subtotal');
      const check = checkCoupon(coupon, { now, usage, segment: await segmentOf(customerId), listSubtotalCents });
      return {
        code: coupon.code,
        valid: check.ok,
        refusal: check.ok ? undefined : check.refusal,
        reason: check.ok ? undefined : check.reason,
        description: coupon.description,
        kind: coupon.kind,
        value: coupon.kind === 'fixed_amount' ? fromCents(coupon.value) : coupon.value,
        endsAt: coupon.endsAt ?? null,
        remainingTotal: coupon.totalLimit === undefined ? null : Math.max(0, coupon.totalLimit - usage.total),
        remainingForCustomer: coupon.perCustomerLimit === undefined ? null : Math.max(0, coupon.perCustomerLimit - usage.byCustomer),
      };
    },
    async applyCoupon(input) {
      const { orderId, now } = input;
      const quote = 'quoteId' in input ? await getQuote(input.quoteId) : undefined;
      if ('quoteId' in input && !quote) throw notFound(`no quote ${input.quoteId}`);
      if (quote && quote.coupon_code === null) throw failedPrecondition(`quote ${quote.quote_id} has no coupon; nothing to apply`);
      const code = quote?.coupon_code ?? ('code' in input ? input.code : '');
      const customerId = quote?.customer_id ?? ('customerId' in input ? input.customerId : '');
      const coupon = await rules.coupon(code, true);
      if (!coupon) throw notFound(`no coupon has the code ${code.trim().toUpperCase()}`);
      const existing = await redemption(orderId, true);
      if (existing && existing.releasedAt === null) {
        if (existing.code !== coupon.code || existing.customerId !== customerId || (quote && existing.quoteId !== quote.quote_id)) {
          throw conflict(`order ${orderId} already uses coupon ${existing.code}; release it first`);
        }
        return { redemption: existing, replayed: true };
      }
      if (quote && Date.parse(quote.expires_at) <= now.getTime()) throw failedPrecondition(`quote ${quote.quote_id} expired at ${quote.expires_at}; make a new quote`);
      const usage = await rules.couponUsage(coupon.code, customerId);
      const segment = quote?.segment ?? (await segmentOf(customerId));
      const check = checkCoupon(coupon, { now, usage, segment, listSubtotalCents: quote && toCents(quote.subtotal) });
      if (!check.ok) throw failedPrecondition(check.reason, { refusal: check.refusal, code: coupon.code });
      const discount = quote?.order_adjustments.find((a) => a.source === 'coupon')?.amount ?? 0;
      const [row] = await q.query<RedemptionRow>(
        `INSERT INTO ${s}.coupon_redemptions (order_id, code, customer_id, quote_id, discount, applied_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (order_id) DO UPDATE SET code = EXCLUDED.code, customer_id = EXCLUDED.customer_id, quote_id = EXCLUDED.quote_id,
           discount = EXCLUDED.discount, applied_at = EXCLUDED.applied_at, released_at = NULL
         RETURNING *`,
        [orderId, coupon.code, customerId, quote?.quote_id ?? null, discount, now.toISOString()],
      );
      if (!row) throw new Error('coupon redemption was not recorded');
      return { redemption: toRedemption(row), replayed: false };
    },
    async releaseCoupon({ orderId, now }) {
      const existing = await redemption(orderId, true);
      if (!existing) throw notFound(`no coupon was applied to order ${orderId}`);
      if (existing.releasedAt !== null) return { redemption: existing, replayed: true };
      const [row] = await q.query<RedemptionRow>(`UPDATE ${s}.coupon_redemptions SET released_at = $2 WHERE order_id = $1 RETURNING *`, [orderId, now.toISOString()]);
      if (!row) throw new Error('coupon release was not recorded');
      return { redemption: toRedemption(row), replayed: false };
    },
  };
}
