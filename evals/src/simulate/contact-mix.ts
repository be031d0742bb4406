import { RETURN_WINDOW_DAYS, type Contact, type ContactIntent, type SimOrder, type SimWorld } from './contact-types.ts';

/**
 * Share of customer-initiated contacts per intent. Defaults follow the usual shape of e-commerce support queues
 * ("where is my order" first, then returns, cancellations and changes); override from the command line.
 */
export const DEFAULT_INTENT_MIX: Record<Exclude<ContactIntent, 'failed_delivery'>, number> = {
  track_order: 0.32,
  return_item: 0.2,
  exchange_item: 0.07,
  cancel_order: 0.11,
  change_address: 0.08,
  product_question: 0.14,
  out_of_scope: 0.08,
};

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weightedIntent(random: () => number, mix: Record<string, number>): ContactIntent {
  const entries = Object.entries(mix);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [intent, weight] of entries) {
    r -= weight;
    if (r <= 0) return intent as ContactIntent;
  }
  return entries[entries.length - 1]![0] as ContactIntent;
}

const auth = (c: { email: string }) => `My email is ${c.email}.`;

function turnsFor(intent: ContactIntent, order: SimOrder, email: string, random: () => number): string[] {
  const item = order.items[Math.floor(random() * order.items.length)]!;
  switch (intent) {
    case 'track_order':
      return [`Where is my order ${order.id}? ${auth({ email })}`];
    case 'return_item':
      return [`${auth({ email })} I want to return the ${item.description} from ${order.id}, refund to the original payment method.`, 'yes'];
    case 'exchange_item':
      return [`${auth({ email })} Can I exchange the ${item.description} from ${order.id} for a different size?`];
    case 'cancel_order':
      return [`${auth({ email })} Please cancel ${order.id}, I no longer need it.`, 'yes'];
    case 'change_address':
      return [`${auth({ email })} I moved. Please send order ${order.id} to my default address instead.`, 'yes'];
    case 'failed_delivery': {
      // Another day, in the ways customers put it; the agent proposes that day's earliest free window (or the next
      // free one when that day is full) and the customer accepts it.
      const weekday = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][Math.floor(random() * 6)];
      const asks = [
        `Your courier missed me for order ${order.id}. Can you deliver it tomorrow instead?`,
        `Nobody was home when your driver came with order ${order.id}. Could you bring it the day after tomorrow?`,
        `I missed the delivery of order ${order.id}. Please deliver it on ${weekday} instead.`,
        `The parcel for order ${order.id} could not be delivered, I was out. Can it come next ${weekday}?`,
      ];
      return [`${auth({ email })} ${asks[Math.floor(random() * asks.length)]}`, 'yes'];
    }
    case 'product_question':
      return [`Do you sell ${item.description.split(' ').slice(-2).join(' ')}s in other colors?`];
    case 'out_of_scope':
      return [`${auth({ email })} I want to complain about the rude driver and get compensation for my time.`];
  }
}

const eligible: Record<ContactIntent, (o: SimOrder) => boolean> = {
  track_order: (o) => o.trackingIds.length > 0,
  return_item: (o) => o.status === 'delivered',
  exchange_item: (o) => o.status === 'delivered',
  cancel_order: (o) => o.status === 'pending',
  change_address: (o) => o.status === 'pending',
  failed_delivery: (o) => o.trackingIds.length > 0,
  product_question: () => true,
  out_of_scope: () => true,
};

/** A return the agent may do on its own: delivered within the window (without a clock every return counts). */
function insideReturnWindow(order: SimOrder, asOf: Date | undefined): boolean {
  if (!asOf) return true;
  if (!order.deliveredAt) return false;
  return asOf.getTime() - new Date(order.deliveredAt).getTime() <= RETURN_WINDOW_DAYS * 86_400_000;
}

/**
 * A day of contacts: customer-initiated ones drawn from `mix`, plus one proactive contact per failed delivery,
 * interleaved over the day (so the first contacts of a run look like the whole day). Deterministic for a seed.
 */
export function generateContacts(world: SimWorld, count: number, seed: number, mix: Record<string, number> = DEFAULT_INTENT_MIX): Contact[] {
  const random = rng(seed);
  const customers = new Map(world.customers.map((c) => [c.id, c]));
  const byIntent = new Map<ContactIntent, SimOrder[]>();
  for (const intent of Object.keys(eligible) as ContactIntent[]) byIntent.set(intent, world.orders.filter((o) => o.items.length > 0 && eligible[intent](o)));
  const contacts: Contact[] = [];
  // A courier exception is a parcel still with the carrier after a missed attempt: one delivered on a later attempt
  // (or sent back) has nothing left to recover, so it raises no contact.
  const failed = world.shipments.filter((s) => s.failedAttempts > 0 && s.status === 'failed_attempt');
  const orders = new Map(world.orders.map((o) => [o.id, o]));
  for (const shipment of failed.slice(0, Math.floor(count * 0.1))) {
    const order = orders.get(shipment.orderId);
    const customer = customers.get(shipment.customerId);
    if (!order || !customer || order.items.length === 0) continue;
    contacts.push({
      id: `contact-${contacts.length + 1}`, customerId: customer.id, intent: 'failed_delivery', orderId: order.id, trackingId: shipment.trackingId,
      turns: turnsFor('failed_delivery', order, customer.email, random), lowRiskReturn: false, fromDeliveryException: true,
    });
  }
  while (contacts.length < count) {
    const intent = weightedIntent(random, mix);
    const pool = byIntent.get(intent) ?? [];
    if (pool.length === 0) continue;
    const order = pool[Math.floor(random() * pool.length)]!;
    const customer = customers.get(order.customerId);
    if (!customer) continue;
    contacts.push({
      id: `contact-${contacts.length + 1}`, customerId: customer.id, intent, orderId: order.id, trackingId: order.trackingIds[0],
      turns: turnsFor(intent, order, customer.email, random), lowRiskReturn: intent === 'return_item' && insideReturnWindow(order, world.asOf), fromDeliveryException: false,
    });
  }
  // Courier exceptions arrive through the day, not all at its start (Fisher-Yates; ids keep their numbers).
  for (let i = contacts.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [contacts[i], contacts[j]] = [contacts[j]!, contacts[i]!];
  }
  return contacts;
}
