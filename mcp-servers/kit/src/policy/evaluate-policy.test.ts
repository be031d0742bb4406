import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from './evaluate-policy.ts';
import { parsePolicy } from './load-policy.ts';

const policy = parsePolicy(`
version: v7
default_rule:
  autonomy: approve
  principals: { service: { autonomy: auto } }
actions:
  order.return:
    autonomy: auto
    statuses: [delivered]
    amount_label: refund
    approve_above: 250
    deny_above: 5000
    window: { days: 30 }
    velocity: { max: 2, days: 30, over: approve }
    principals:
      customer: { approve_above: 100 }
  shipment.reroute: { autonomy: shadow }
`, 'test', { docsDir: '/nonexistent' });

const now = new Date('2026-11-28T00:00:00Z');
const facts = { customerId: 'c1', orderId: '#W1', amount: 80, status: 'delivered', since: '2026-11-20T00:00:00Z' };
const decide = (f: object, kind: 'agent' | 'customer' | 'service' = 'agent', recentCount = 0, action = 'order.return') =>
  evaluatePolicy(policy, action, { ...facts, ...f }, kind, { now, recentCount });

describe('evaluatePolicy', () => {
  it('allows within every limit and records the policy version', () => {
    expect(decide({})).toMatchObject({ outcome: 'allow', explanation: 'allowed', policyVersion: expect.stringMatching(/^v7#/), rule: 'order.return' });
  });

  it('asks for approval above the threshold, per principal kind', () => {
    expect(decide({ amount: 412.5 }).explanation).toBe('needs approval because refund 412.50 > 250.00');
    expect(decide({ amount: 120 }, 'customer').explanation).toBe('needs approval because refund 120.00 > 100.00');
    expect(decide({}, 'agent', 2).explanation).toBe('needs approval because customer c1 already had 2 order.return in the last 30 days (limit 2)');
  });

  it('denies on status, hard limit and window, listing every reason', () => {
    const d = decide({ status: 'pending', amount: 6000, since: '2026-09-01T00:00:00Z' });
    expect(d.outcome).toBe('deny');
    expect(d.explanation).toBe("denied because status 'pending' is not one of 'delivered'; refund 6000.00 > 5000.00; 88.0 days have passed since 2026-09-01T00:00:00Z, more than the 30-day window");
  });

  it('proposes only in shadow mode, and applies the default rule to unknown classes', () => {
    expect(decide({}, 'agent', 0, 'shipment.reroute')).toMatchObject({ outcome: 'shadow', autonomy: 'shadow' });
    expect(decide({}, 'agent', 0, 'gift.wrap')).toMatchObject({ outcome: 'approve', rule: 'default', explanation: "needs approval because autonomy for gift.wrap is 'approve'" });
    expect(decide({}, 'service', 0, 'gift.wrap')).toMatchObject({ outcome: 'allow', rule: 'default' });
  });

  it('compares amounts in whole cents: prices summing to the limit are not above it', () => {
    const sum = [0.08, 128.58, 121.34].reduce((a, b) => a + b, 0); // 250.00000000000003 in floating point
    expect(sum).toBeGreaterThan(250);
    expect(decide({ amount: sum }).outcome).toBe('allow');
    expect(evaluatePolicy(policy, 'order.return', { ...facts, amount: 250.004 }, 'agent', { now }).outcome).toBe('allow');
    expect(decide({ amount: 250.01 }).explanation).toBe('needs approval because refund 250.01 > 250.00');
  });

  it('limits a negative amount by its size, and refuses an amount or a since that is not a number or a date', () => {
    expect(decide({ amount: -6000 })).toMatchObject({ outcome: 'deny', explanation: 'denied because refund 6000.00 > 5000.00' });
    expect(decide({ amount: -300 }).explanation).toBe('needs approval because refund 300.00 > 250.00');
    expect(decide({ amount: Number.NaN })).toMatchObject({ outcome: 'deny', explanation: 'denied because refund is not a number (NaN), so its limits cannot be checked' });
    expect(decide({ since: 'not a date' })).toMatchObject({ outcome: 'deny', explanation: "denied because since 'not a date' is not a date, so the 30-day window cannot be checked" });
    expect(decide({ since: undefined }).outcome).toBe('allow');
  });
});
