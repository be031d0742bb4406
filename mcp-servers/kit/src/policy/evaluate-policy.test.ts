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
});
