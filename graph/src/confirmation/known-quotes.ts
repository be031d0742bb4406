import type { BaseMessage } from '@langchain/core/messages';

/** A pricing quote seen in the conversation (the pricing server's quote_cart output), as the confirmation states it. */
export interface KnownQuote {
  quoteId: string;
  lines: { itemId: string; quantity: number; unitPrice?: number; name?: string }[];
  discounts: { label: string; amount: number }[];
  shipping?: number;
  tax?: number;
  total?: number;
  amountDue?: number;
  pointsRedeemed?: number;
  shipTo?: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

function parse(message: BaseMessage): unknown {
  if (message.getType() !== 'tool' || typeof message.content !== 'string') return undefined;
  const text = message.content.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Catalog names of variants from search results ({ variant_id, product_name, options }). */
function variantNames(data: unknown, names: Map<string, string>): void {
  const hits = isObject(data) && Array.isArray(data.hits) ? data.hits : [];
  for (const hit of hits) {
    if (!isObject(hit) || typeof hit.variant_id !== 'string' || typeof hit.product_name !== 'string') continue;
    const options = isObject(hit.options) ? Object.values(hit.options).map(String).join(', ') : '';
    names.set(hit.variant_id, `${hit.product_name}${options ? ` (${options})` : ''}`);
  }
}

function discountsOf(quote: Json): KnownQuote['discounts'] {
  const orderLevel = Array.isArray(quote.order_adjustments) ? quote.order_adjustments.filter(isObject) : [];
  const orderIds = new Set(orderLevel.map((a) => a.id));
  const lines = Array.isArray(quote.lines) ? quote.lines.filter(isObject) : [];
  const lineLevel = lines.flatMap((l) => (Array.isArray(l.adjustments) ? l.adjustments.filter(isObject) : [])).filter((a) => !orderIds.has(a.id));
  const byKey = new Map<string, { label: string; amount: number }>();
  for (const a of [...lineLevel, ...orderLevel]) {
    const what = typeof a.description === 'string' ? a.description : String(a.name ?? '');
    const label = a.source === 'coupon' ? `coupon ${String(a.id)} (${what})` : `${String(a.name ?? a.id)} (${what})`;
    const key = `${String(a.source)}:${String(a.id)}`;
    byKey.set(key, { label, amount: (byKey.get(key)?.amount ?? 0) + (num(a.amount) ?? 0) });
  }
  return [...byKey.values()];
}

/** Quotes (by quote id) from the JSON tool results of the conversation so far, with the items named when known. */
export function knownQuotes(messages: readonly BaseMessage[]): Map<string, KnownQuote> {
  const names = new Map<string, string>();
  const quotes = new Map<string, KnownQuote>();
  for (const message of messages) {
    const data = parse(message);
    variantNames(data, names);
    if (!isObject(data) || typeof data.quote_id !== 'string' || !Array.isArray(data.lines)) continue;
    const lines = data.lines.filter(isObject).map((l) => ({
      itemId: String(l.item_id),
      quantity: num(l.quantity) ?? 1,
      ...(num(l.unit_price) !== undefined ? { unitPrice: num(l.unit_price) } : {}),
      ...(names.has(String(l.item_id)) ? { name: names.get(String(l.item_id)) } : {}),
    }));
    const loyalty = isObject(data.loyalty) ? data.loyalty : {};
    quotes.set(data.quote_id, {
      quoteId: data.quote_id,
      lines,
      discounts: discountsOf(data),
      shipping: isObject(data.shipping) ? num(data.shipping.amount) : undefined,
      tax: isObject(data.tax) ? num(data.tax.amount) : undefined,
      total: num(data.total),
      amountDue: num(data.amount_due),
      pointsRedeemed: num(loyalty.points_redeemed),
      shipTo: isObject(data.ship_to) ? data.ship_to : undefined,
    });
  }
  return quotes;
}
