import { createHash } from 'node:crypto';
import { invalidArgument } from '@agentic-commerce/kit';
import { addDays, dayOf } from './delivery-slots.ts';
import type { Shipment } from './types.ts';

/** How far ahead a return pickup can be booked, in days. */
export const PICKUP_HORIZON_DAYS = 14;

/** A pickup can be booked from tomorrow up to PICKUP_HORIZON_DAYS ahead. */
export function assertPickupDay(day: string, now: Date): void {
  const earliest = addDays(dayOf(now), 1);
  const latest = addDays(dayOf(now), PICKUP_HORIZON_DAYS);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || dayOf(new Date(`${day}T00:00:00Z`)) !== day) {
    throw invalidArgument(`day "${day}" is invalid: use a date YYYY-MM-DD from ${earliest} to ${latest}`);
  }
  if (day < earliest || day > latest) {
    throw invalidArgument(`day ${day} cannot be booked for a return pickup: choose a day from ${earliest} (tomorrow) to ${latest} (${PICKUP_HORIZON_DAYS} days ahead)`);
  }
}

/** The items of a return label must be items of the delivered parcel; returns them sorted and de-duplicated. */
export function labelItems(shipment: Shipment, itemIds: readonly string[]): string[] {
  const unique = [...new Set(itemIds)].sort();
  if (unique.length === 0) throw invalidArgument('item_ids is empty: name at least one item of the parcel to return');
  const foreign = unique.filter((id) => !shipment.itemIds.includes(id));
  if (foreign.length > 0) {
    throw invalidArgument(`item${foreign.length > 1 ? 's' : ''} ${foreign.join(', ')} ${foreign.length > 1 ? 'are' : 'is'} not in shipment ${shipment.trackingId}; its items are ${shipment.itemIds.join(', ')}`);
  }
  return unique;
}

/** The carrier's reference printed on a return label: deterministic from the label id and the parcel. */
export function carrierReference(labelId: string, trackingId: string): string {
  const digest = createHash('sha256').update(`${labelId}:${trackingId}`).digest();
  return `1ZR${digest.readBigUInt64BE(0).toString().padStart(20, '0').slice(-12)}`;
}
