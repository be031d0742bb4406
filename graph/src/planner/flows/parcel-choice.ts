import type { OrderRecord } from '../dialogue/facts.ts';
import { call, resultOf, type FlowContext, type Step } from './flow-context.ts';

/** Courier statuses of a parcel still to be delivered, the one a missed delivery left first. */
const STILL_TO_DELIVER = ['failed_attempt', 'out_for_delivery', 'in_transit', 'label_created'];

/**
 * The order's parcel a delivery request is about: its only one; with several, the one the courier still has to
 * deliver (a missed one without a new window first, then by status), read with track_shipment one parcel at a time. `step` while a parcel is being read;
 * undefined when the order has no parcel yet.
 */
export function parcelToDeliver(ctx: FlowContext, order: OrderRecord): { trackingId: string } | { step: Step } | undefined {
  const parcels = (order.fulfillments ?? []).flatMap((f) => f.tracking_id);
  if (parcels.length <= 1 || !ctx.tools.has('track_shipment')) return parcels[0] === undefined ? undefined : { trackingId: parcels[0] };
  const tracked = new Map<string, { status?: string; delivery_slot?: unknown } | undefined>();
  for (const trackingId of parcels) {
    const result = resultOf(ctx, 'track_shipment', { tracking_id: trackingId });
    if (!result) return { step: call('track_shipment', { tracking_id: trackingId }) };
    tracked.set(trackingId, result.ok ? (result.data as { status?: string; delivery_slot?: unknown } | undefined) : undefined);
  }
  // A missed parcel with no new window yet comes first (another missed one may have been rescheduled already).
  const unscheduled = parcels.find((p) => tracked.get(p)?.status === 'failed_attempt' && !tracked.get(p)?.delivery_slot);
  if (unscheduled) return { trackingId: unscheduled };
  for (const status of STILL_TO_DELIVER) {
    const found = parcels.find((p) => tracked.get(p)?.status === status);
    if (found) return { trackingId: found };
  }
  return { trackingId: parcels[0]! };
}
