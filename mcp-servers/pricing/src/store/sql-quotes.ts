import { randomBytes } from 'node:crypto';
import { failedPrecondition, invalidArgument, notFound, type Queryable } from '@agentic-commerce/kit';
import { toCents } from '../domain/money.ts';
import { priceCart } from '../domain/price-cart.ts';
import { toQuoteDocument, type Quote } from '../domain/quote-document.ts';
import { taxStateOf } from '../domain/ship-to.ts';
import type { PricingBackend, QuoteRequest, VariantPrice } from './pricing-backend.ts';
import type { SqlRules } from './sql-rules.ts';

export const MAX_QUOTE_LINES = 100;

function checkLines(lines: QuoteRequest['lines']): void {
  if (lines.length === 0) throw invalidArgument('a quote needs at least one line');
  if (lines.length > MAX_QUOTE_LINES) throw invalidArgument(`a quote has at most ${MAX_QUOTE_LINES} lines, got ${lines.length}`);
  const seen = new Set<string>();
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > 1000) {
      throw invalidArgument(`quantity of item ${line.itemId} must be a whole number from 1 to 1000, got ${line.quantity}`);
    }
    if (seen.has(line.itemId)) throw invalidArgument(`item ${line.itemId} appears twice; give each item once with its total quantity`);
    seen.add(line.itemId);
  }
}

type QuoteMethods = Pick<PricingBackend, 'quoteCart' | 'getQuote'>;

/** Cart quotes: priced by the domain rules from the current tables, persisted with an expiry. */
export function sqlQuotes(s: string, q: Queryable, rules: SqlRules, pricesAt: (ids: string[], at: Date) => Promise<VariantPrice[]>): QuoteMethods {
  return {
    async getQuote(quoteId) {
      const [row] = await q.query<{ body: Quote }>(`SELECT body FROM ${s}.quotes WHERE id = $1`, [quoteId]);
      return row?.body;
    },
    async quoteCart(request) {
      const { customerId, now } = request;
      checkLines(request.lines);
      const points = request.loyaltyPoints ?? 0;
      if (!Number.isInteger(points) || points < 0) throw invalidArgument(`loyalty points must be a whole number, 0 or more; got ${points}`);
      const taxes = await rules.taxRates();
      const state = taxStateOf(request.shipTo, taxes.map((t) => t.state));
      const tax = taxes.find((t) => t.state === state);
      if (!tax) throw new Error(`tax rate for ${state} vanished`);
      const shipping = await rules.shippingRate(request.serviceLevel);
      const prices = new Map((await pricesAt(request.lines.map((l) => l.itemId), now)).map((p) => [p.itemId, p]));
      const missing = request.lines.filter((l) => !prices.has(l.itemId)).map((l) => l.itemId);
      if (missing.length > 0) throw notFound(`no current list price for item(s) ${missing.join(', ')}; check the item ids`, { itemIds: missing });
      const [account] = await q.query<{ segment: string; balance: number }>(`SELECT segment, balance FROM ${s}.loyalty_accounts WHERE customer_id = $1`, [customerId]);
      if (points > 0 && !account) throw failedPrecondition(`customer ${customerId} has no loyalty account, so no points can be redeemed`);
      const segment = account?.segment ?? 'standard';
      let coupon;
      if (request.couponCode !== undefined) {
        const found = await rules.coupon(request.couponCode);
        if (!found) throw notFound(`no coupon has the code ${request.couponCode.trim().toUpperCase()}`);
        coupon = { coupon: found, usage: await rules.couponUsage(found.code, customerId) };
      }
      const program = await rules.program();
      const pricing = priceCart({
        now,
        segment,
        lines: request.lines.map((l) => {
          const price = prices.get(l.itemId) as VariantPrice;
          return { itemId: l.itemId, productId: price.productId, category: price.category ?? undefined, quantity: l.quantity, unitPriceCents: toCents(price.price) };
        }),
        promotions: await rules.activePromotions(now),
        coupon,
        loyalty: { pointsToRedeem: points, balance: account?.balance ?? 0, program },
        shipping,
        tax,
      });
      const quote = toQuoteDocument(pricing, {
        quoteId: `Q${randomBytes(8).toString('hex').toUpperCase()}`,
        customerId,
        segment,
        createdAt: now,
        expiresAt: new Date(now.getTime() + program.quoteTtlMinutes * 60_000),
        shipTo: { ...request.shipTo, state },
        couponCode: coupon?.coupon.code,
      });
      await q.query(
        `INSERT INTO ${s}.quotes (id, customer_id, created_at, expires_at, coupon_code, loyalty_points, total, amount_due, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
        [quote.quote_id, customerId, quote.created_at, quote.expires_at, quote.coupon_code, points, quote.total, quote.amount_due, JSON.stringify(quote)],
      );
      return quote;
    },
  };
}
