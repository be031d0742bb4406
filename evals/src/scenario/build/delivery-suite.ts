import type { TauData } from './tau-data.ts';
import { pick, seededRandom } from './tau-data.ts';
import { authPhrase } from './returns-suite.ts';

type Raw = Record<string, unknown>;

/** What the builder needs from a live reference world (read from its snapshot). */
export interface CourierView {
  shipments: Record<string, { tracking_id: string; order_id: string; customer_id: string; status: string; address: { zip: string } }>;
  slots: Record<string, { id: string; capacity: number; booked: number }>;
}

const STATUS_WORDS: Record<string, string> = {
  label_created: 'label|not (yet )?(been )?(picked up|shipped)|created',
  in_transit: 'in transit|on (its|the) way',
  out_for_delivery: 'out for delivery',
  failed_attempt: 'failed|missed|attempt',
  delivered: 'delivered',
};

const NEW_ADDRESSES = [
  { address1: '123 Elm Street', address2: 'Apt 4', city: 'Austin', state: 'TX', zip: '78701', country: 'USA' },
  { address1: '77 Harbor View Road', address2: 'Suite 210', city: 'Seattle', state: 'WA', zip: '98101', country: 'USA' },
  { address1: '5 Maple Avenue', address2: '', city: 'Columbus', state: 'OH', zip: '43004', country: 'USA' },
  { address1: '900 Pine Lane', address2: 'Unit 12', city: 'Denver', state: 'CO', zip: '80202', country: 'USA' },
];

const spoken = (a: (typeof NEW_ADDRESSES)[number]) => `${a.address1}${a.address2 ? `, ${a.address2}` : ''}, ${a.city}, ${a.state} ${a.zip}, ${a.country}`;

/** Delivery suite: tracking, failed deliveries, full slots, lockers, address changes. `tomorrow` is the clock's next day. */
export function buildDeliverySuite(data: TauData, courier: CourierView, tomorrow: string, seed = 13): Raw[] {
  const random = seededRandom(seed);
  const used = new Set<string>();
  const orders = data.orders;
  const shipments = Object.values(courier.shipments).filter((s) => orders[s.order_id]?.fulfillments.length === 1 && orders[s.order_id]!.fulfillments[0]!.tracking_id.length === 1);
  const takeShipment = (ok: (s: (typeof shipments)[number]) => boolean) => {
    const s = pick(random, shipments.filter((x) => !used.has(x.order_id) && ok(x)));
    used.add(s.order_id);
    return s;
  };
  const morningSlot = (zip: string) => courier.slots[`${zip.slice(0, 3)}-${tomorrow}-0900`];
  const scenarios: Raw[] = [];
  const delivery = (id: string, title: string, userId: string, turns: string[], expect: Raw, extra: Raw = {}): Raw => ({
    id, suite: 'delivery', title, customer: { userId, auth: 'email' }, operator: 'approve', turns, expect: { escalation: 'forbidden', ...expect }, ...extra,
  });

  for (let i = 0; i < 10; i++) {
    const s = takeShipment((x) => ['label_created', 'in_transit', 'out_for_delivery'].includes(x.status));
    scenarios.push(delivery(`track-order-${i + 1}`, `tell a customer where their parcel is (${s.status})`, s.customer_id,
      [i % 2 === 0 ? `Where is my order ${s.order_id}? ${authPhrase(data, s.customer_id, true)}` : `${authPhrase(data, s.customer_id, true)} any update on the delivery of ${s.order_id}??`],
      { noWrites: true, replyFacts: [`${s.tracking_id}|${STATUS_WORDS[s.status]}`] }));
  }
  for (let i = 0; i < 8; i++) {
    const s = takeShipment((x) => x.status === 'in_transit' && (morningSlot(x.address.zip)?.capacity ?? 0) > (morningSlot(x.address.zip)?.booked ?? 0));
    const slot = morningSlot(s.address.zip)!;
    scenarios.push(delivery(`failed-delivery-redeliver-${i + 1}`, 'book a new delivery window after a failed attempt', s.customer_id,
      [`${authPhrase(data, s.customer_id, true)} The courier missed me for order ${s.order_id}. Can you redeliver it tomorrow morning?`, 'yes'],
      { state: [{ path: `courier/shipments/${s.tracking_id}/slot_id`, op: 'equals', value: slot.id }] },
      { world: { source: 'tau', overrides: [{ kind: 'delivery_failed', tracking: s.tracking_id }] } }));
  }
  for (let i = 0; i < 6; i++) {
    const s = takeShipment((x) => ['in_transit', 'label_created', 'failed_attempt'].includes(x.status) && morningSlot(x.address.zip) !== undefined);
    const slot = morningSlot(s.address.zip)!;
    scenarios.push(delivery(`reschedule-into-full-slot-${i + 1}`, 'a full delivery window is refused and alternatives are offered', s.customer_id,
      [`${authPhrase(data, s.customer_id, true)} Please reschedule the delivery of ${s.order_id} to tomorrow morning.`, 'yes'],
      { state: [{ path: `courier/shipments/${s.tracking_id}/slot_id`, op: 'not_equals', value: slot.id }, { path: `courier/delivery_slots/${slot.id}/booked`, op: 'unchanged' }], replyFacts: ['no free|full|fully booked|other|alternative'] },
      { world: { source: 'tau', overrides: [{ kind: 'slot_full', slot: slot.id }] } }));
  }
  for (let i = 0; i < 6; i++) {
    const s = takeShipment((x) => ['in_transit', 'label_created'].includes(x.status));
    const lockerId = `lk_${s.address.zip.slice(0, 3)}`;
    scenarios.push(delivery(`reroute-to-locker-${i + 1}`, 'reroute a parcel to the parcel locker of its area', s.customer_id,
      [`${authPhrase(data, s.customer_id, true)} I won't be home. Please send my parcel for order ${s.order_id} to a parcel locker instead.`, 'yes'],
      { state: [{ path: `courier/shipments/${s.tracking_id}/destination_kind`, op: 'equals', value: 'locker' }, { path: `courier/shipments/${s.tracking_id}/location_id`, op: 'equals', value: lockerId }] }));
  }
  const pending = Object.values(orders).filter((o) => o.status === 'pending' && !used.has(o.order_id));
  for (let i = 0; i < 6; i++) {
    const order = pick(random, pending.filter((o) => !used.has(o.order_id)));
    used.add(order.order_id);
    const address = NEW_ADDRESSES[i % NEW_ADDRESSES.length]!;
    scenarios.push(delivery(`pending-order-address-${i + 1}`, 'change the shipping address of a pending order', order.user_id,
      [`${authPhrase(data, order.user_id, true)} Please ship order ${order.order_id} to ${spoken(address)} instead.`, 'yes'],
      { state: [{ path: `oms/orders/${order.order_id}/address`, op: 'equals', value: address }], mustCall: [{ tool: 'modify_pending_order_address', args: { order_id: order.order_id } }] }));
  }
  const users = Object.keys(data.users).sort();
  for (let i = 0; i < 4; i++) {
    const userId = pick(random, users);
    const address = NEW_ADDRESSES[(i + 1) % NEW_ADDRESSES.length]!;
    scenarios.push(delivery(`default-address-${i + 1}`, 'change the customer\'s default address', userId,
      [`${authPhrase(data, userId, true)} I moved. Please update my default address to ${spoken(address)}.`, 'yes'],
      { state: [{ path: `oms/users/${userId}/address`, op: 'equals', value: address }], mustCall: [{ tool: 'modify_user_address', args: { user_id: userId } }] }));
  }
  return scenarios;
}
