import type { Prng } from './generator/prng.ts';
import type { TrackingEvent } from './world-model.ts';

/** How far a parcel got. `failed_attempt` parcels are still with the carrier after a missed delivery. */
export const SHIPMENT_OUTCOMES = ['label_created', 'in_transit', 'out_for_delivery', 'delivered', 'failed_attempt', 'failed_then_delivered', 'voided'] as const;
export type ShipmentOutcome = (typeof SHIPMENT_OUTCOMES)[number];

export interface TimelineInput {
  /** When the label was created (ISO). */
  start: string;
  outcome: ShipmentOutcome;
  origin: string;
  destination: string;
  /** Nothing may happen after this instant (the world's "now"). */
  notAfter: string;
}

/**
 * The tracking events of one parcel, oldest first, spaced by plausible carrier delays and never later than
 * `notAfter`. Every timeline starts with the label; delivered ones end with a timed delivery.
 */
export function trackingTimeline(prng: Prng, input: TimelineInput): TrackingEvent[] {
  const limit = Date.parse(input.notAfter);
  let clock = Math.min(Date.parse(input.start), limit);
  const events: TrackingEvent[] = [];
  const add = (type: TrackingEvent['type'], location: string, description: string, afterHours: [number, number]) => {
    clock = Math.min(clock + prng.int(afterHours[0] * 60, afterHours[1] * 60) * 60_000, limit);
    events.push({ type, at: new Date(clock).toISOString(), location, description });
  };
  add('label_created', input.origin, 'shipping label created; parcel awaiting pickup', [0, 0]);
  if (input.outcome === 'label_created') return events;
  if (input.outcome === 'voided') {
    add('returned', input.origin, 'order cancelled before pickup: label voided and parcel returned to stock', [1, 12]);
    return events;
  }
  add('in_transit', input.origin, 'picked up by the carrier', [2, 20]);
  add('in_transit', `${input.destination} sorting hub`, 'arrived at the destination sorting hub', [12, 60]);
  if (input.outcome === 'in_transit') return events;
  add('out_for_delivery', input.destination, 'out for delivery', [6, 20]);
  if (input.outcome === 'out_for_delivery') return events;
  if (input.outcome === 'failed_attempt' || input.outcome === 'failed_then_delivered') {
    add('failed_attempt', input.destination, prng.pick(['nobody home to sign', 'address not accessible', 'recipient asked to redeliver']), [1, 8]);
    if (input.outcome === 'failed_attempt') return events;
    add('out_for_delivery', input.destination, 'second delivery attempt', [14, 26]);
  }
  add('delivered', input.destination, prng.pick(['delivered to the front door', 'handed to the recipient', 'left with a neighbour', 'delivered to the mailroom']), [1, 8]);
  return events;
}

/** The outcome a parcel of an order with this status has reached (τ-bench statuses and the tools' later ones). */
export function outcomeForStatus(status: string): ShipmentOutcome {
  if (status === 'processed') return 'in_transit';
  if (status === 'delivered' || status === 'return requested' || status === 'exchange requested') return 'delivered';
  if (status === 'cancelled') return 'voided';
  return 'label_created';
}
