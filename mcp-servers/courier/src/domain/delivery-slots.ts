import { failedPrecondition, invalidArgument } from '@agentic-commerce/kit';
import type { DeliverySlot, Shipment } from './types.ts';
import { areaOf } from './zip-area.ts';

/** The delivery windows a day is divided into (UTC). */
export const DEFAULT_WINDOWS: readonly (readonly [string, string])[] = [
  ['09:00', '12:00'],
  ['12:00', '15:00'],
  ['15:00', '18:00'],
  ['18:00', '21:00'],
];

export function slotIdFor(zipPrefix: string, day: string, windowStart: string): string {
  return `${zipPrefix}-${day}-${windowStart.replace(':', '')}`;
}

export function slotStart(slot: Pick<DeliverySlot, 'day' | 'windowStart'>): Date {
  return new Date(`${slot.day}T${slot.windowStart}:00Z`);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Generates an area's slots for `days` days from `fromDay`, each window with `capacity` bookings. */
export function slotsForArea(zipPrefix: string, fromDay: string, days: number, capacity: number, windows = DEFAULT_WINDOWS): DeliverySlot[] {
  if (!/^\d{3}$/.test(zipPrefix)) throw invalidArgument(`zip prefix "${zipPrefix}" is invalid: use the first 3 digits of a zip code`);
  const slots: DeliverySlot[] = [];
  for (let d = 0; d < days; d++) {
    const day = addDays(fromDay, d);
    for (const [windowStart, windowEnd] of windows) {
      slots.push({ slotId: slotIdFor(zipPrefix, day, windowStart), zipPrefix, day, windowStart, windowEnd, capacity, booked: 0 });
    }
  }
  return slots;
}

export function describeSlot(slot: DeliverySlot): string {
  return `${slot.slotId} (${slot.day} ${slot.windowStart}-${slot.windowEnd}, ${slot.capacity - slot.booked} left)`;
}

/**
 * Refuses a slot the carrier cannot honour for this parcel: another area, a window that already started, or a full
 * window (naming bookable alternatives so the caller can offer them).
 */
export function assertSlotBookable(slot: DeliverySlot, shipment: Shipment, now: Date, alternatives: readonly DeliverySlot[]): void {
  const area = areaOf(shipment.destination.address.zip);
  if (slot.zipPrefix !== area) {
    throw invalidArgument(`slot ${slot.slotId} is in area ${slot.zipPrefix}, but shipment ${shipment.trackingId} is delivered in area ${area}; list_delivery_slots shows its slots`);
  }
  if (slotStart(slot) <= now) {
    throw failedPrecondition(`slot ${slot.slotId} started at ${slotStart(slot).toISOString()}, which is not in the future; choose a later slot`);
  }
  if (slot.booked >= slot.capacity) {
    const offer = alternatives.length > 0 ? `available alternatives: ${alternatives.map(describeSlot).join('; ')}` : 'no other slot in this area has room in the next days';
    throw failedPrecondition(`slot ${slot.slotId} is full (${slot.booked}/${slot.capacity} booked); ${offer}`, {
      alternatives: alternatives.map((a) => a.slotId),
    });
  }
}
