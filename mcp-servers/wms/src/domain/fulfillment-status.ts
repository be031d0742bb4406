import { failedPrecondition } from '@agentic-commerce/kit';
import { FULFILLMENT_STATUSES, type FulfillmentStatus } from './types.ts';

/**
 * Picking and packing move forward only: pending -> picking -> packed -> shipped. Steps may be skipped
 * (a parcel scanned straight into "shipped"), never undone. Repeating the current status is a no-op.
 */
export function assertFulfillmentTransition(trackingId: string, from: FulfillmentStatus, to: FulfillmentStatus): void {
  const rank = (s: FulfillmentStatus) => FULFILLMENT_STATUSES.indexOf(s);
  if (rank(to) < rank(from)) {
    throw failedPrecondition(
      `fulfillment ${trackingId} is '${from}'; it can only move forward (${FULFILLMENT_STATUSES.join(' -> ')}), not back to '${to}'`,
    );
  }
}
