import { normalizeText } from '../nlu/normalize.ts';

export type PaymentSource = 'credit_card' | 'paypal' | 'gift_card';

/** What the customer said about a payment method; every field optional. */
export interface PaymentMention {
  id?: string;
  source?: PaymentSource;
  brand?: string;
  lastFour?: string;
  /** "the original payment method", "same card I paid with". */
  original?: boolean;
}

export interface PaymentMethodRecord {
  id: string;
  source: string;
  brand?: string;
  last_four?: string;
  balance?: number;
}

const brands = ['visa', 'mastercard', 'amex', 'american express', 'discover'];

export function extractPaymentMention(text: string): PaymentMention | undefined {
  const t = normalizeText(text);
  const mention: PaymentMention = {};
  const id = /\b((?:credit_card|paypal|gift_card)_\d+)\b/.exec(t);
  if (id?.[1]) mention.id = id[1];
  if (/\b(original|same) (payment|method|card|account|way)|\b(where|how) i (paid|originally paid)|\bpaid with originally\b|\b(card|account|method|one) i (originally )?(paid|bought it|used to pay) with\b|\b(card|account|method) i (originally )?used\b/.test(t)) {
    mention.original = true;
  }
  if (/\bgift ?cards?\b|\bstore credit\b/.test(t)) mention.source = 'gift_card';
  else if (/\bpay ?pal\b/.test(t)) mention.source = 'paypal';
  else if (/\b(credit|debit) ?cards?\b|\bcard ending\b|\b(visa|mastercard|master card|amex|american express|discover)\b/.test(t)) {
    mention.source = 'credit_card';
  }
  const brand = brands.find((b) => t.includes(b)) ?? (t.includes('master card') ? 'mastercard' : undefined);
  if (brand) mention.brand = brand === 'american express' ? 'amex' : brand;
  const four = /\b(?:ending|ends|ending in|last (?:four|4)(?: digits)?(?: (?:are|is))?|x{2,})\s*(?:in|with|of)?\s*:?\s*(\d{4})\b/.exec(t);
  if (four?.[1]) {
    mention.lastFour = four[1];
    mention.source ??= 'credit_card';
  }
  return Object.keys(mention).length > 0 ? mention : undefined;
}

export type PaymentResolution =
  | { kind: 'resolved'; id: string }
  | { kind: 'ambiguous'; candidates: PaymentMethodRecord[] }
  | { kind: 'none'; reason: string };

/** Maps a mention to exactly one of the customer's payment methods; never picks among several. */
export function resolvePayment(
  mention: PaymentMention,
  methods: PaymentMethodRecord[],
  originalId?: string,
): PaymentResolution {
  if (mention.id) {
    const exact = methods.find((m) => m.id === mention.id);
    return exact ? { kind: 'resolved', id: exact.id } : { kind: 'none', reason: `there is no payment method ${mention.id} on the account` };
  }
  if (mention.original && !mention.source) {
    return originalId ? { kind: 'resolved', id: originalId } : { kind: 'none', reason: 'I could not find how the order was paid' };
  }
  // "The card I paid with" names the original method even when the customer's word for it ("card") is loose.
  if (mention.original && originalId && !mention.brand && !mention.lastFour) return { kind: 'resolved', id: originalId };
  let candidates = methods;
  if (mention.source) candidates = candidates.filter((m) => m.source === mention.source);
  if (mention.brand) candidates = candidates.filter((m) => (m.brand ?? '').toLowerCase() === mention.brand);
  if (mention.lastFour) candidates = candidates.filter((m) => m.last_four === mention.lastFour);
  if (mention.original && originalId) {
    const original = candidates.filter((m) => m.id === originalId);
    if (original.length === 1 && original[0]) return { kind: 'resolved', id: original[0].id };
  }
  if (candidates.length === 1 && candidates[0]) return { kind: 'resolved', id: candidates[0].id };
  if (candidates.length > 1) return { kind: 'ambiguous', candidates };
  return { kind: 'none', reason: `no ${describeMention(mention)} is on the account` };
}

export function describeMention(mention: PaymentMention): string {
  const parts = [mention.brand, mention.source?.replace('_', ' ') ?? 'payment method'];
  if (mention.lastFour) parts.push(`ending in ${mention.lastFour}`);
  return parts.filter(Boolean).join(' ');
}

/** "visa credit card ending in 1234", "PayPal account", "gift card (balance $25.00)". */
export function describeMethod(method: PaymentMethodRecord): string {
  if (method.source === 'credit_card') return `${method.brand ?? 'credit'} card ending in ${method.last_four ?? '????'} (${method.id})`;
  if (method.source === 'gift_card') {
    return `gift card ${method.id}${method.balance !== undefined ? ` (balance $${method.balance.toFixed(2)})` : ''}`;
  }
  return `PayPal account (${method.id})`;
}
