import type { Contact, ContactOutcome } from './contact-types.ts';

export interface CostModel {
  /** Fully loaded cost of one contact handled by a person (USD). */
  humanCostPerContact: number;
  /** Minutes a person needs per contact, queue included. */
  humanMinutesPerContact: number;
  /** Share of failed deliveries a human team recovers before a second failure (baseline). */
  humanDeliveryRecoveryRate: number;
  /** Agent compute cost per customer turn when no measured model cost is known (embedded planner, unpriced model). */
  agentCostPerTurn: number;
}

export const DEFAULT_COST_MODEL: CostModel = {
  humanCostPerContact: 6.5,
  humanMinutesPerContact: 14,
  humanDeliveryRecoveryRate: 0.55,
  agentCostPerTurn: 0.0005,
};

export interface Kpis {
  contacts: number;
  resolvedWithoutHuman: number;
  escalationRate: number;
  lowRiskReturnAutomation: number;
  failedDeliveries: number;
  failedDeliveriesRecovered: number;
  meanMinutesToResolution: number;
  costPerResolvedContact: number;
  totalCost: number;
  approvalsRequested: number;
  policyViolations: number;
  duplicatedSideEffects: number;
}

const share = (n: number, d: number) => (d === 0 ? 0 : n / d);

/** The agent's cost of one contact: the measured model cost when there is one, else the per-turn estimate. */
export function agentCostOf(outcome: ContactOutcome, cost: CostModel): number {
  return outcome.costUsd ?? outcome.turns * cost.agentCostPerTurn;
}

/** Counts idempotency keys whose write executed more than once across all contacts. */
export function duplicatedSideEffects(outcomes: ContactOutcome[]): number {
  const seen = new Map<string, number>();
  for (const key of outcomes.flatMap((o) => o.executedWriteKeys)) seen.set(key, (seen.get(key) ?? 0) + 1);
  return [...seen.values()].filter((n) => n > 1).length;
}

/** KPIs when the agent handles contacts and escalates the rest to people. */
export function agentKpis(outcomes: ContactOutcome[], cost: CostModel = DEFAULT_COST_MODEL): Kpis {
  const resolved = outcomes.filter((o) => o.resolvedByAgent && !o.escalated);
  const escalated = outcomes.filter((o) => o.escalated || !o.resolvedByAgent);
  const lowRisk = outcomes.filter((o) => o.contact.lowRiskReturn);
  const failed = outcomes.filter((o) => o.contact.fromDeliveryException);
  const recoveredByAgent = failed.filter((o) => o.deliveryRecovered).length;
  // Failed deliveries the agent did not recover go to people, who recover their usual share.
  const recovered = recoveredByAgent + (failed.length - recoveredByAgent) * cost.humanDeliveryRecoveryRate;
  const agentCost = outcomes.reduce((s, o) => s + agentCostOf(o, cost), 0);
  const totalCost = agentCost + escalated.length * cost.humanCostPerContact;
  const minutes = outcomes.map((o) => (o.resolvedByAgent && !o.escalated ? o.durationMs / 60000 : o.durationMs / 60000 + cost.humanMinutesPerContact));
  return {
    contacts: outcomes.length,
    resolvedWithoutHuman: share(resolved.length, outcomes.length),
    escalationRate: share(escalated.length, outcomes.length),
    lowRiskReturnAutomation: share(lowRisk.filter((o) => o.resolvedByAgent && !o.escalated).length, lowRisk.length),
    failedDeliveries: failed.length,
    failedDeliveriesRecovered: share(recovered, failed.length),
    meanMinutesToResolution: share(minutes.reduce((a, b) => a + b, 0), minutes.length),
    costPerResolvedContact: share(totalCost, outcomes.length),
    totalCost,
    approvalsRequested: outcomes.reduce((s, o) => s + o.approvalsRequested, 0),
    policyViolations: outcomes.reduce((s, o) => s + o.policyViolations, 0),
    duplicatedSideEffects: duplicatedSideEffects(outcomes),
  };
}

/** The same KPIs with no agent: every contact goes to a person. */
export function humanBaselineKpis(contacts: Contact[], cost: CostModel = DEFAULT_COST_MODEL): Kpis {
  const failed = contacts.filter((c) => c.fromDeliveryException).length;
  const totalCost = contacts.length * cost.humanCostPerContact;
  return {
    contacts: contacts.length,
    resolvedWithoutHuman: 0,
    escalationRate: contacts.length === 0 ? 0 : 1,
    lowRiskReturnAutomation: 0,
    failedDeliveries: failed,
    failedDeliveriesRecovered: failed === 0 ? 0 : cost.humanDeliveryRecoveryRate,
    meanMinutesToResolution: contacts.length === 0 ? 0 : cost.humanMinutesPerContact,
    costPerResolvedContact: contacts.length === 0 ? 0 : cost.humanCostPerContact,
    totalCost,
    approvalsRequested: 0,
    policyViolations: 0,
    duplicatedSideEffects: 0,
  };
}

/**
 * The case study's three targets: returns handling cost (−30%), failed deliveries that fail again (−20%),
 * and the share of low-risk returns handled without a person (90%).
 */
export function uplift(outcomes: ContactOutcome[], cost: CostModel = DEFAULT_COST_MODEL) {
  const rel = (a: number, b: number) => (b === 0 ? 0 : (a - b) / b);
  const returns = outcomes.filter((o) => o.contact.intent === 'return_item' || o.contact.intent === 'exchange_item');
  const agentReturnsCost = returns.reduce(
    (s, o) => s + agentCostOf(o, cost) + (o.resolvedByAgent && !o.escalated ? 0 : cost.humanCostPerContact),
    0,
  );
  const agent = agentKpis(outcomes, cost);
  return {
    returnsCostChange: rel(agentReturnsCost, returns.length * cost.humanCostPerContact),
    failedDeliveryChange: rel(1 - agent.failedDeliveriesRecovered, 1 - cost.humanDeliveryRecoveryRate),
    lowRiskReturnAutomation: agent.lowRiskReturnAutomation,
  };
}
