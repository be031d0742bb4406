import { describe, expect, it } from 'vitest';
import { assertStatusTransition } from './status-transitions.ts';

describe('assertStatusTransition', () => {
  it('follows the carrier scans and allows repeating a status', () => {
    expect(() => assertStatusTransition('1', 'label_created', 'in_transit')).not.toThrow();
    expect(() => assertStatusTransition('1', 'failed_attempt', 'out_for_delivery')).not.toThrow();
    expect(() => assertStatusTransition('1', 'in_transit', 'in_transit')).not.toThrow();
  });

  it('refuses impossible moves, saying what may come next', () => {
    expect(() => assertStatusTransition('1', 'label_created', 'delivered')).toThrow("'label_created' and cannot become 'delivered'; next can be 'in_transit', 'returned'");
    expect(() => assertStatusTransition('1', 'delivered', 'in_transit')).toThrow('that status is final');
  });
});
