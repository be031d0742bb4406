import { describeHit, type Hit } from './catalog-hits.ts';

interface Adjustment {
  source?: string;
  id?: string;
  name?: string;
  description?: string;
  amount?: number;
}

/** The parts of a pricing quote the planner states (the pricing server's quote_cart output). */
export interface QuoteData {
  quote_id?: string;
  lines?: { quantity?: number; unit_price?: number; adjustments?: Adjustment[]; discount?: number }[];
  subtotal?: number;
  discount_total?: number;
  order_adjustments?: Adjustment[];
  shipping?: { amount?: number; description?: string };
  tax?: { amount?: number; state?: string; rate?: number };
  total?: number;
  coupon_code?: string | null;
  loyalty?: { points_redeemed?: number; redemption_value?: number };
  amount_due?: number;
}

const money = (n: number | undefined) => `$${(n ?? 0).toFixed(2)}`;

/**
 * Every amount of a quote in one sentence: the item and its price, each discount with what caused it (promotion or
 * coupon), shipping, tax and the total (and what is left to pay after points).
 */
export function explainQuote(quote: QuoteData, hit: Hit, quantity: number): string {
  const unit = quote.lines?.[0]?.unit_price ?? hit.price;
  const parts = [`${quantity} x ${describeHit(hit)} at ${money(unit)} each`];
  const discounts = new Map<string, { label: string; amount: number }>();
  const lineAdjustments = (quote.lines ?? []).flatMap((l) => l.adjustments ?? []);
  const orderLevel = new Set((quote.order_adjustments ?? []).map((a) => a.id));
  for (const a of [...lineAdjustments.filter((x) => !orderLevel.has(x.id)), ...(quote.order_adjustments ?? [])]) {
    const key = `${a.source}:${a.id}`;
    const label = a.source === 'coupon' ? `coupon ${a.id} (${a.description ?? a.name ?? ''})` : `${a.name ?? a.id} (${a.description ?? 'promotion'})`;
    const previous = discounts.get(key);
    discounts.set(key, { label, amount: (previous?.amount ?? 0) + (a.amount ?? 0) });
  }
  for (const d of discounts.values()) parts.push(`${d.label}: -${money(d.amount)}`);
  if (quote.shipping) parts.push(`shipping ${money(quote.shipping.amount)}`);
  if (quote.tax) parts.push(`tax ${money(quote.tax.amount)}${quote.tax.state ? ` (${quote.tax.state})` : ''}`);
  const points = quote.loyalty?.points_redeemed ?? 0;
  const due = points > 0 ? `, of which ${money(quote.amount_due)} is charged after ${points} points (${money(quote.loyalty?.redemption_value)})` : '';
  return `Your quote ${quote.quote_id}: ${parts.join('; ')}; total ${money(quote.total)}${due}.`;
}
