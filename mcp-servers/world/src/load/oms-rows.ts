import type { OrderTimeline } from '@agentic-commerce/oms';
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
