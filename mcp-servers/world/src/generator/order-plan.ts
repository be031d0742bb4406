import type { Prng } from './prng.ts';
import type { ShipmentOutcome } from '../shipment-timeline.ts';

/** What happened to an order: its status and how far each parcel got. Drawn from the order's age. */
export interface OrderPlan {
  status: 'pending' | 'processed' | 'delivered' | 'cancelled' | 'return requested' | 'exchange requested';
  /** Outcome of each shipped parcel (empty when nothing shipped). */
  parcelOutcome: () => ShipmentOutcome;
  /** Processed orders only: some lines have not shipped yet (awaiting stock) and stay reserved. */
  partial: boolean;
}

const HOURS_PENDING = 36;
/** Orders older than this have shipped everything: only younger ones can hold reservations. */
export const HOURS_IN_TRANSIT = 7 * 24;

/**
 * Young orders are mostly pending, middle-aged ones on their way, old ones delivered; every age has some
 * cancellations, and old ones some returns and exchanges, failed deliveries and parcels still stuck in transit.
 */
export function planOrder(prng: Prng, ageHours: number, lines: number): OrderPlan {
  if (ageHours < HOURS_PENDING) {
    const status = prng.weighted({ pending: 88, cancelled: 12 });
    return { status, parcelOutcome: () => 'label_created', partial: false };
  }
  if (ageHours < HOURS_IN_TRANSIT) {
    const status = prng.weighted({ processed: 70, delivered: 20, cancelled: 10 });
    const outcome = (): ShipmentOutcome =>
      status === 'delivered'
        ? prng.weighted({ delivered: 9, failed_then_delivered: 1 })
        : prng.weighted({ label_created: 2, in_transit: 5, out_for_delivery: 2, failed_attempt: 1 });
    return { status, parcelOutcome: outcome, partial: status === 'processed' && lines > 1 && prng.chance(0.2) };
  }
  const status = prng.weighted({ delivered: 84, cancelled: 6, 'return requested': 5, 'exchange requested': 3, processed: 2 });
  const outcome = (): ShipmentOutcome =>
    status === 'processed' ? prng.weighted({ failed_attempt: 3, in_transit: 1 }) : prng.weighted({ delivered: 92, failed_then_delivered: 8 });
  return { status, parcelOutcome: outcome, partial: false };
}
