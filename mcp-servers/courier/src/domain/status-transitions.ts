import { failedPrecondition } from '@agentic-commerce/kit';
import type { ShipmentStatus } from './types.ts';

/** What a parcel's status may become next, as a carrier's scans report it. */
export const NEXT_STATUSES: Record<ShipmentStatus, readonly ShipmentStatus[]> = {
  label_created: ['in_transit', 'returned'],
  in_transit: ['out_for_delivery', 'delivered', 'failed_attempt', 'returned'],
  out_for_delivery: ['delivered', 'failed_attempt'],
  failed_attempt: ['in_transit', 'out_for_delivery', 'returned'],
  delivered: [],
  returned: [],
};

export function assertStatusTransition(trackingId: string, from: ShipmentStatus, to: ShipmentStatus): void {
  if (from === to || NEXT_STATUSES[from].includes(to)) return;
  const next = NEXT_STATUSES[from];
  throw failedPrecondition(
    `shipment ${trackingId} is '${from}' and cannot become '${to}'; ${next.length > 0 ? `next can be ${next.map((s) => `'${s}'`).join(', ')}` : 'that status is final'}`,
  );
}
