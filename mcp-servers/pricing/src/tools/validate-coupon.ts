import { z } from 'zod';
import { COUPON_REFUSALS } from '../domain/coupon-rules.ts';
import { money } from './fields.ts';
import { optionalCustomerId, resolveCustomer } from './resolve-customer.ts';
import { tool } from './tool.ts';

export const validateCoupon = tool({
  name: 'validate_coupon',
  title: 'Validate a coupon',
  description:
    'Use when a shopper mentions a coupon code: says whether this customer may use it now and, if not, exactly why ' +
    '(unknown, not started, expired, usage limit reached, segment, minimum subtotal). Changes nothing.',
  kind: 'read',
  input: {
    code: z.string().min(1).max(40).describe('coupon code (case-insensitive)'),
    customer_id: optionalCustomerId,
    subtotal: z.number().nonnegative().optional().describe('cart list-price subtotal in USD, to check the minimum; omit to skip that rule'),
  },
  output: {
    code: z.string().describe('the code, upper-cased'),
    valid: z.boolean().describe('true when the coupon can be used now'),
    refusal: z.enum(COUPON_REFUSALS).nullable().describe('why not, as a code; null when valid'),
    reason: z.string().nullable().describe('why not, in words; null when valid'),
    description: z.string().nullable().describe('what the coupon gives'),
    kind: z.enum(['percentage', 'fixed_amount']).nullable().describe('percentage or fixed_amount'),
    value: z.number().nullable().describe('percent off, or USD off for fixed_amount'),
    ends_at: z.string().nullable().describe('ISO-8601 expiry; null = none'),
    remaining_total: z.number().int().nullable().describe('uses left across all customers; null = unlimited'),
    remaining_for_customer: z.number().int().nullable().describe('uses left for this customer; null = unlimited'),
    min_subtotal_checked: money('subtotal the minimum was checked against').nullable(),
  },
  async handler({ code, customer_id, subtotal }, ctx) {
    const customerId = await resolveCustomer(customer_id, ctx, (id) => `customer ${id} not found`);
    const v = await ctx.backend.validateCoupon({ code, customerId, subtotal, now: ctx.now() });
    return {
      code: v.code,
      valid: v.valid,
      refusal: v.refusal ?? null,
      reason: v.reason ?? null,
      description: v.description ?? null,
      kind: v.kind ?? null,
      value: v.value ?? null,
      ends_at: v.endsAt ?? null,
      remaining_total: v.remainingTotal ?? null,
      remaining_for_customer: v.remainingForCustomer ?? null,
      min_subtotal_checked: subtotal ?? null,
    };
  },
});
