import { describe, expect, it } from 'vitest';
import { assertFulfillmentTransition } from './fulfillment-status.ts';

describe('assertFulfillmentTransition', () => {
  it('allows moving forward, skipping steps, and repeating the current status', () => {
    expect(() => assertFulfillmentTransition('1', 'pending', 'picking')).not.toThrow();
    expect(() => assertFulfillmentTransition('1', 'pending', 'shipped')).not.toThrow();
    expect(() => assertFulfillmentTransition('1', 'packed', 'packed')).not.toThrow();
  });

  it('refuses moving back, saying the order of statuses', () => {
    expect(() => assertFulfillmentTransition('123', 'shipped', 'picking')).toThrow(
      "fulfillment 123 is 'shipped'; it can only move forward (pending -> picking -> packed -> shipped), not back to 'picking'",
    );
  });
});
