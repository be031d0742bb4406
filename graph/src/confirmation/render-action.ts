import type { KnownItem } from './known-items.ts';
import type { KnownQuote } from './known-quotes.ts';

const money = (n: number) => `$${n.toFixed(2)}`;

function describeItem(id: string, known: Map<string, KnownItem>): string {
  const item = known.get(id);
  if (!item) return `item ${id}`;
  const options = item.options ? Object.values(item.options).map(String).join(', ') : '';
  return `${item.name ?? 'item'}${options ? ` (${options})` : ''}, item ${id}${item.price !== undefined ? `, ${money(item.price)}` : ''}`;
}

function list(ids: unknown, known: Map<string, KnownItem>): string {
  if (!Array.isArray(ids) || ids.length === 0) return '(no items)';
  return ids.map((id) => `  - ${describeItem(String(id), known)}`).join('\n');
}

function total(ids: unknown, known: Map<string, KnownItem>): number | undefined {
  if (!Array.isArray(ids)) return undefined;
  let sum = 0;
  for (const id of ids) {
    const price = known.get(String(id))?.price;
    if (price === undefined) return undefined;
    sum += price;
  }
  return Math.round(sum * 100) / 100;
}

function address(a: Record<string, unknown>): string {
  return [a.address1, a.address2, a.city, a.state, a.zip, a.country].filter((p) => typeof p === 'string' && p.length > 0).join(', ');
}

function generic(tool: string, args: Record<string, unknown>): string {
  const lines = Object.entries(args).map(([k, v]) => `  - ${k.replace(/_/g, ' ')}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return `${tool.replace(/_/g, ' ')} with:\n${lines.join('\n') || '  (no arguments)'}`;
}

type Renderer = (a: Record<string, unknown>, known: Map<string, KnownItem>, quotes: Map<string, KnownQuote>) => string;

/** An order from a quote: every line, discount, shipping and tax amount, the total and who pays it. */
function createOrder(a: Record<string, unknown>, known: Map<string, KnownItem>, quotes: Map<string, KnownQuote>): string {
  const quote = quotes.get(String(a.quote_id));
  if (!quote) return `Place an order from quote ${a.quote_id}, paid with ${a.payment_method_id}.`;
  const lines = quote.lines.map((l) => {
    const name = l.name ?? (known.has(l.itemId) ? describeItem(l.itemId, known).replace(/, item \d+.*$/, '') : 'item');
    return `  - ${l.quantity} x ${name}, item ${l.itemId}${l.unitPrice !== undefined ? `, ${money(l.unitPrice)} each` : ''}`;
  });
  const amounts = [
    ...quote.discounts.map((d) => `${d.label}: -${money(d.amount)}`),
    ...(quote.shipping !== undefined ? [`shipping ${money(quote.shipping)}`] : []),
    ...(quote.tax !== undefined ? [`tax ${money(quote.tax)}`] : []),
  ];
  const points = quote.pointsRedeemed ? ` (${quote.pointsRedeemed} loyalty points redeemed; ${money(quote.amountDue ?? 0)} charged)` : '';
  const to = a.address && typeof a.address === 'object' ? address(a.address as Record<string, unknown>) : quote.shipTo ? address(quote.shipTo) : 'your default address';
  return [
    `Place an order (quote ${quote.quoteId}):`,
    ...lines,
    ...(amounts.length > 0 ? [amounts.join('; ')] : []),
    `Total ${money(quote.total ?? 0)}${points}, paid with ${a.payment_method_id}. Ships to: ${to}.`,
  ].join('\n');
}

const RENDERERS: Record<string, Renderer> = {
  create_order: createOrder,
  cancel_pending_order: (a) => `Cancel order ${a.order_id} (reason: ${a.reason}). Paid amounts are refunded to the original payment methods.`,
  modify_pending_order_address: (a) => `Change the shipping address of order ${a.order_id} to: ${address(a)}.`,
  modify_user_address: (a) => `Change your default address to: ${address(a)}.`,
  modify_pending_order_payment: (a) => `Pay order ${a.order_id} with ${a.payment_method_id} instead of its current payment method.`,
  modify_pending_order_items: (a, k) => {
    const diff = differenceLine(a, k);
    return `In order ${a.order_id}, replace:\n${list(a.item_ids, k)}\nwith:\n${list(a.new_item_ids, k)}\n${diff} using ${a.payment_method_id}. An order's items can be modified only once.`;
  },
  return_delivered_order_items: (a, k) => {
    const refund = total(a.item_ids, k);
    return `Return from order ${a.order_id}:\n${list(a.item_ids, k)}\nRefund ${refund === undefined ? 'the items\' price' : money(refund)} to ${a.payment_method_id}.`;
  },
  exchange_delivered_order_items: (a, k) => {
    const diff = differenceLine(a, k);
    return `Exchange in order ${a.order_id}:\n${list(a.item_ids, k)}\nfor:\n${list(a.new_item_ids, k)}\n${diff} using ${a.payment_method_id}.`;
  },
};

function differenceLine(a: Record<string, unknown>, k: Map<string, KnownItem>): string {
  const before = total(a.item_ids, k);
  const after = total(a.new_item_ids, k);
  if (before === undefined || after === undefined) return 'The price difference is charged or refunded';
  const delta = Math.round((after - before) * 100) / 100;
  if (delta === 0) return 'No price difference; settled';
  return delta > 0 ? `You pay the difference of ${money(delta)}` : `You get ${money(-delta)} back`;
}

/** The exact statement of what one write call will do, rendered from its arguments (never from model text). */
export function renderAction(
  tool: string,
  args: Record<string, unknown>,
  known: Map<string, KnownItem> = new Map(),
  quotes: Map<string, KnownQuote> = new Map(),
): string {
  const render = RENDERERS[tool];
  return render ? render(args, known, quotes) : `Run ${generic(tool, args)}`;
}

/** The confirmation question for one or more write calls. */
export function confirmationStatement(
  calls: { name: string; args: Record<string, unknown> }[],
  known: Map<string, KnownItem>,
  quotes: Map<string, KnownQuote> = new Map(),
): string {
  const actions = calls.map((c) => renderAction(c.name, c.args, known, quotes));
  const body = actions.length === 1 ? actions[0] : actions.map((a, i) => `${i + 1}. ${a}`).join('\n');
  return `Here is exactly what I will do:\n${body}\nReply "yes" to confirm; anything else cancels it.`;
}
