import { requestedLocationKind } from '../flows/reroute-to-location.ts';
import { extractAddress } from '../slots/address.ts';
import { extractWhen } from '../slots/when.ts';
import type { Intent } from './intents.ts';
import { normalizeText } from './normalize.ts';

/** Only whether a day or time is named matters here, not which day it resolves to. */
const anyDay = new Date(Date.UTC(2026, 0, 5));

/** Names a day or a time window ("tomorrow", "friday morning", "between 9 and 12"). */
export function namesWhen(text: string): boolean {
  const when = extractWhen(text, anyDay);
  return when.day !== undefined || when.window !== undefined;
}

/** Words that say a clause is about where a parcel goes, not when. */
const placeWords = /\b(address|street|avenue|road|apartment|house|office|home address|parents|work)\b/;

/** "the courier missed me", "nobody was home", "the delivery failed": a report of a failed delivery attempt. */
export function reportsMissedDelivery(text: string): boolean {
  const t = normalizeText(text);
  return /\b(missed|miss|failed|fail|nobody|no one|noone|not home|wasn'?t home|was not home|was out|could ?n[o']?t deliver|unable to deliver|attempted)\b/.test(t);
}

/**
 * "Deliver it tomorrow instead" shares its words with "deliver it to my office instead"; the slots decide: a clause
 * naming a time but no address or place asks for another delivery time, and one naming a locker or pickup point asks
 * for another place (a reroute), whatever the classifier leaned to.
 */
export function refineDeliveryIntent(intent: Intent, text: string): Intent {
  if (intent === 'modify_order_address') {
    const place = requestedLocationKind(text) !== undefined || extractAddress(text) !== undefined || placeWords.test(normalizeText(text));
    if (!place && namesWhen(text)) return 'delivery_slot';
  }
  if (intent === 'delivery_slot' && requestedLocationKind(text) !== undefined) return 'modify_order_address';
  return intent;
}

/**
 * In "I missed the delivery, can you leave it at a locker?" the first clause only reports what happened; the request
 * is the other delivery clause. A failed-attempt report naming no time is context (provide_info) when the same message
 * asks for a delivery change elsewhere; alone, it stays a request to redeliver.
 */
export function demoteMissedReports<T extends { text: string; intent: Intent | 'unclear' }>(clauses: T[]): T[] {
  const deliveryRequest = (c: T) => (c.intent === 'delivery_slot' || c.intent === 'modify_order_address') && !isBareReport(c);
  if (!clauses.some(deliveryRequest)) return clauses;
  return clauses.map((c) => (isBareReport(c) ? { ...c, intent: 'provide_info' as const } : c));
}

function isBareReport(c: { text: string; intent: Intent | 'unclear' }): boolean {
  return c.intent === 'delivery_slot' && reportsMissedDelivery(c.text) && !namesWhen(c.text) && !/\b(reschedul\w*|redeliver\w*|rebook\w*|deliver (it|them|the|my)|bring|come back|try again)\b/.test(normalizeText(c.text));
}
