import { describe, expect, it } from 'vitest';
import type { Contact, ContactOutcome } from './contact-types.ts';
import { agentKpis, DEFAULT_COST_MODEL, humanBaselineKpis, uplift } from './kpis.ts';

const contact = (id: string, intent: Contact['intent'], extra: Partial<Contact> = {}): Contact => ({
  id, customerId: 'c', intent, turns: ['hi'], lowRiskReturn: intent === 'return_item', fromDeliveryException: intent === 'failed_delivery', ...extra,
});
const outcome = (c: Contact, extra: Partial<ContactOutcome> = {}): ContactOutcome => ({
  contact: c, resolvedByAgent: true, escalated: false, approvalsRequested: 0, policyViolations: 0, executedWriteKeys: [], deliveryRecovered: false, turns: 2, durationMs: 60_000, ...extra,
});

describe('simulation KPIs', () => {
  const outcomes = [
    outcome(contact('1', 'return_item'), { executedWriteKeys: ['k1'] }),
    outcome(contact('2', 'return_item'), { resolvedByAgent: false, escalated: true }),
    outcome(contact('3', 'failed_delivery'), { deliveryRecovered: true, executedWriteKeys: ['k2'] }),
    outcome(contact('4', 'track_order'), { executedWriteKeys: ['k2'] }),
  ];

  it('counts automation, escalations, recoveries and duplicated side effects', () => {
    const k = agentKpis(outcomes);
    expect(k.resolvedWithoutHuman).toBe(0.75);
    expect(k.escalationRate).toBe(0.25);
    expect(k.lowRiskReturnAutomation).toBe(0.5);
    expect(k.failedDeliveriesRecovered).toBe(1);
    expect(k.duplicatedSideEffects).toBe(1); // k2 executed twice
    expect(k.totalCost).toBeCloseTo(4 * 2 * DEFAULT_COST_MODEL.agentCostPerTurn + DEFAULT_COST_MODEL.humanCostPerContact);
  });

  it('sends everything to people in the baseline', () => {
    const b = humanBaselineKpis(outcomes.map((o) => o.contact));
    expect(b).toMatchObject({ resolvedWithoutHuman: 0, escalationRate: 1, failedDeliveriesRecovered: DEFAULT_COST_MODEL.humanDeliveryRecoveryRate });
    expect(b.totalCost).toBe(4 * DEFAULT_COST_MODEL.humanCostPerContact);
  });

  it('reports the case-study targets as relative changes', () => {
    const u = uplift(outcomes);
    // returns: one automated (2 turns of compute) and one escalated, against two human contacts
    expect(u.returnsCostChange).toBeCloseTo((2 * 2 * DEFAULT_COST_MODEL.agentCostPerTurn + DEFAULT_COST_MODEL.humanCostPerContact) / (2 * DEFAULT_COST_MODEL.humanCostPerContact) - 1);
    expect(u.failedDeliveryChange).toBe(-1);
    expect(u.lowRiskReturnAutomation).toBe(0.5);
  });

  it('uses the measured model cost of a contact instead of the per-turn estimate, even when it is zero', () => {
    const measured = [outcome(contact('1', 'track_order'), { costUsd: 0.0123 }), outcome(contact('2', 'track_order'), { costUsd: 0 }), outcome(contact('3', 'track_order'))];
    expect(agentKpis(measured).totalCost).toBeCloseTo(0.0123 + 0 + 2 * DEFAULT_COST_MODEL.agentCostPerTurn, 12);
    expect(agentKpis(measured).costPerResolvedContact).toBeCloseTo((0.0123 + 2 * DEFAULT_COST_MODEL.agentCostPerTurn) / 3, 12);
  });
});
