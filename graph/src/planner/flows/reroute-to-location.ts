import type { Task } from '../dialogue/tasks.ts';
import type { OrderRecord } from '../dialogue/facts.ts';
import { normalizeText } from '../nlu/normalize.ts';
import { extractOrdinal } from '../slots/ordinal.ts';
import { call, newestFirst, resultOf, say, type FlowContext, type Step } from './flow-context.ts';
import { parcelToDeliver } from './parcel-choice.ts';

export type LocationKind = 'locker' | 'pickup_point';

interface Location {
  location_id: string;
  kind: LocationKind;
  name: string;
  address: { address1: string; city: string; zip: string };
  full: boolean;
}

/** "a parcel locker", "the pickup point", "a parcel shop / collection point": where the customer wants to collect it. */
export function requestedLocationKind(text: string): LocationKind | undefined {
  const t = normalizeText(text);
  if (/\b(parcel |package )?lockers?\b/.test(t)) return 'locker';
  if (/\bpick ?-?up (point|location|spot|place)s?\b|\b(parcel|package) shops?\b|\bcollection points?\b/.test(t)) return 'pickup_point';
  return undefined;
}

export function locationKindOf(task: Task): LocationKind | undefined {
  return newestFirst(task).map(requestedLocationKind).find(Boolean);
}

const label = (kind: LocationKind) => (kind === 'locker' ? 'parcel locker' : 'pickup point');
const describe = (l: Location) => `${l.name} (${l.location_id}), ${l.address.address1}, ${l.address.city} ${l.address.zip}`;

/** The place the customer picked among those offered: by id, by name, or "the first one". */
function picked(task: Task, offered: Location[]): Location | undefined {
  for (const text of newestFirst(task)) {
    const t = normalizeText(text);
    const named = offered.filter((l) => t.includes(l.location_id.toLowerCase()) || t.includes(normalizeText(l.name)));
    if (named.length === 1) return named[0];
  }
  const ordinal = extractOrdinal(task.texts.at(-1) ?? '', offered.length);
  return ordinal === undefined ? undefined : offered[ordinal];
}

/**
 * Send an order's parcel to a locker or pickup point of its delivery area: lists the courier's places there and
 * reroutes only to one with room that is the only one of its kind or the one the customer picked; otherwise it lists
 * them and asks. Says so when none has room (nothing is changed).
 */
export function rerouteToLocation(ctx: FlowContext, task: Task, order: OrderRecord, kind: LocationKind): Step {
  if (!ctx.tools.has('list_pickup_locations')) return say(`I can't send a parcel to a ${label(kind)} from here; I can change the delivery address instead.`);
  const parcel = parcelToDeliver(ctx, order);
  if (!parcel) return say(`Order ${order.order_id} has not been handed to the courier yet, so there is no parcel to send to a ${label(kind)}.`);
  if ('step' in parcel) return parcel.step;
  const { trackingId } = parcel;
  const args = { tracking_id: trackingId, kind };
  const listed = resultOf(ctx, 'list_pickup_locations', args);
  if (!listed) return call('list_pickup_locations', args);
  if (!listed.ok) return say(`I could not get the ${label(kind)}s for your parcel: ${listed.text}`);
  const places = ((listed.data as { locations?: Location[] } | undefined)?.locations ?? []).filter((l) => l.kind === kind);
  const free = places.filter((l) => !l.full);
  if (free.length === 0) {
    const why = places.length === 0 ? `there is no ${label(kind)} in the delivery area of order ${order.order_id}` : `every ${label(kind)} in its area is full`;
    return say(`I can't send it to a ${label(kind)}: ${why}. Nothing was changed. Would you like a different address or delivery time instead?`);
  }
  const place = free.length === 1 ? free[0] : picked(task, free);
  if (!place) return say(`Several ${label(kind)}s in your area have room: ${free.map((l, i) => `${i + 1}. ${describe(l)}`).join('; ')}. Which one would you like?`);
  return call('reroute_shipment', { tracking_id: trackingId, destination_kind: kind, location_id: place.location_id });
}
