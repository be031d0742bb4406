import type { OrderLine } from '../slots/order-lines.ts';
import type { PaymentMethodRecord } from '../slots/payment-methods.ts';
import type { Variant } from '../slots/variant-match.ts';
import type { Transcript, Turn } from './transcript.ts';

export interface UserRecord {
  user_id?: string;
  name?: { first_name: string; last_name: string };
  email?: string;
  address?: Record<string, string>;
  payment_methods: Record<string, PaymentMethodRecord>;
  orders: string[];
}

export interface OrderRecord {
  order_id: string;
  user_id?: string;
  status: string;
  items: OrderLine[];
  address?: Record<string, string>;
  fulfillments?: { tracking_id: string[]; item_ids: string[] }[];
  payment_history?: { transaction_type: string; amount: number; payment_method_id: string }[];
}

export interface ProductRecord {
  name: string;
  product_id: string;
  variants: Record<string, Variant>;
}

export type ResultTurn = Extract<Turn, { kind: 'result' }>;

/** Everything the tools have told the planner so far, derived from the transcript. */
export interface Facts {
  userId?: string;
  user?: UserRecord;
  orders: Map<string, OrderRecord>;
  products: Map<string, ProductRecord>;
  /** Every tool result, in order. */
  results: ResultTurn[];
  /** Arguments of find_user_id_* calls that found nobody (JSON strings), so they are not repeated. */
  failedLookups: Set<string>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deriveFacts(transcript: Transcript): Facts {
  const facts: Facts = { orders: new Map(), products: new Map(), results: [], failedLookups: new Set() };
  if (transcript.customerId) facts.userId = transcript.customerId;
  for (const turn of transcript.turns) {
    if (turn.kind !== 'result') continue;
    facts.results.push(turn);
    const data = turn.data;
    if (turn.name === 'find_user_id_by_email' || turn.name === 'find_user_id_by_name_zip') {
      const id = typeof data === 'string' ? data : isObject(data) && typeof data.user_id === 'string' ? data.user_id : undefined;
      if (turn.ok && id && /^[a-z]+(?:_[a-z]+)*_\d+$/.test(id)) facts.userId = id;
      else facts.failedLookups.add(JSON.stringify(turn.args));
    }
    if (!turn.ok || !isObject(data)) continue;
    if (turn.name === 'get_user_details' && isObject(data.payment_methods)) facts.user = data as unknown as UserRecord;
    if (isObject(data) && typeof data.order_id === 'string' && Array.isArray(data.items) && typeof data.status === 'string') {
      facts.orders.set(data.order_id, data as unknown as OrderRecord);
    }
    if (turn.name === 'get_product_details' && typeof data.product_id === 'string' && isObject(data.variants)) {
      facts.products.set(data.product_id, data as unknown as ProductRecord);
    }
  }
  return facts;
}

/** The payment method the order was paid with (first payment in its history). */
export function originalPaymentId(order: OrderRecord): string | undefined {
  return order.payment_history?.find((p) => p.transaction_type === 'payment')?.payment_method_id;
}
