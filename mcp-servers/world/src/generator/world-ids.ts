import { hashSeed } from './prng.ts';

const ORDER_SPACE = 9_000_000n;
const TRACKING_SPACE = 900_000_000_000n;
/** Multipliers coprime with both spaces (not divisible by 2, 3 or 5), so index -> id is a permutation. */
const ORDER_STEP = 7_368_787n;
const TRACKING_STEP = 613_651_349_221n;

/** The most orders a world can hold: order ids are "#W" + 7 digits. */
export const MAX_ORDERS = Number(ORDER_SPACE);
/** Parcels one order can be split into (an order has at most five lines). */
export const MAX_PARCELS_PER_ORDER = 5;

/**
 * Order and tracking ids as a seeded permutation of the order index: unique without remembering the ids already
 * handed out, so any batch of orders can be generated on its own.
 */
export function worldIds(seed: number | string) {
  const orderOffset = BigInt(hashSeed(seed, 'order-ids')) % ORDER_SPACE;
  const trackingOffset = BigInt(hashSeed(seed, 'tracking-ids')) % TRACKING_SPACE;
  return {
    orderId(index: number): string {
      if (!Number.isInteger(index) || index < 0 || index >= MAX_ORDERS) throw new RangeError(`order index ${index} is outside 0..${MAX_ORDERS - 1}`);
      return `#W${(1_000_000n + ((BigInt(index) * ORDER_STEP + orderOffset) % ORDER_SPACE)).toString()}`;
    },
    trackingId(orderIndex: number, parcel: number): string {
      if (parcel < 0 || parcel >= MAX_PARCELS_PER_ORDER) throw new RangeError(`parcel ${parcel} is outside 0..${MAX_PARCELS_PER_ORDER - 1}`);
      const slot = BigInt(orderIndex * MAX_PARCELS_PER_ORDER + parcel);
      return (100_000_000_000n + ((slot * TRACKING_STEP + trackingOffset) % TRACKING_SPACE)).toString();
    },
  };
}
