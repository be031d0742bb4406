import type { OrderAllocation, OrderTimeline } from '@agentic-commerce/oms';
import type { OrderStory } from '../world-model.ts';

/** When each order was placed and, if every parcel arrived, delivered (the last delivery), for the OMS. */
export function orderTimelines(stories: readonly OrderStory[]): Map<string, OrderTimeline> {
  const timelines = new Map<string, OrderTimeline>();
  for (const story of stories) {
    const deliveries = story.shipments.map((s) => s.events.findLast((e) => e.type === 'delivered')?.at);
    const allDelivered = deliveries.length > 0 && deliveries.every((at) => at !== undefined);
    const timeline: OrderTimeline = { placedAt: story.placedAt };
    if (allDelivered) timeline.deliveredAt = (deliveries as string[]).sort()[deliveries.length - 1];
    timelines.set(story.orderId, timeline);
  }
  return timelines;
}

/**
 * What each order holds in the WMS, as the OMS must know it to give it back: the stock reservation of an order
 * with units still to ship, under the handle the world's inventory port uses (the order id).
 */
export function orderAllocations(stories: readonly OrderStory[]): Map<string, OrderAllocation[]> {
  const allocations = new Map<string, OrderAllocation[]>();
  for (const story of stories) {
    if (story.reservations.length > 0) allocations.set(story.orderId, [{ kind: 'stock_reservation', reference: story.orderId }]);
  }
  return allocations;
}
