import type { PrincipalKind } from '../principal.ts';
import type { ActionFacts } from '../tool.ts';
import type { Policy } from './load-policy.ts';
import type { ResolvedEvidence } from './policy-evidence.ts';
import type { Autonomy, PolicyOverride } from './policy-schema.ts';

export type DecisionOutcome = 'allow' | 'approve' | 'deny' | 'shadow';

export interface PolicyDecision {
  outcome: DecisionOutcome;
  /** One sentence: "allowed", "needs approval because refund 412.50 > 250.00", "denied because ...". */
  explanation: string;
  reasons: string[];
  action: string;
  /** The rule that applied: the action class, or "default". */
  rule: string;
  autonomy: Autonomy;
  policyVersion: string;
  evidence: ResolvedEvidence[];
}

export type EffectiveRule = PolicyOverride & { autonomy: Autonomy; rule: string };

const rules = new WeakMap<Policy, Map<string, EffectiveRule>>();

/**
 * The rule for an action class and principal kind: default rule, else the class's rule, with the kind's override on
 * top. Computed once per policy, action and kind (a loaded policy does not change; a new version is a new object).
 */
export function effectiveRule(policy: Policy, action: string, kind: PrincipalKind): EffectiveRule {
  let known = rules.get(policy);
  if (!known) rules.set(policy, (known = new Map()));
  const id = `${kind} ${action}`;
  let rule = known.get(id);
  if (!rule) known.set(id, (rule = mergeRule(policy, action, kind)));
  return rule;
}

function mergeRule(policy: Policy, action: string, kind: PrincipalKind): EffectiveRule {
  const listed = policy.file.actions[action];
  const base = listed ?? policy.file.default_rule;
  const { principals, ...fields } = base;
  const override = principals?.[kind] ?? {};
  const merged = { ...fields, ...override };
  return { ...merged, autonomy: merged.autonomy ?? policy.file.default_rule.autonomy ?? 'approve', rule: listed ? action : 'default' };
}

/** Amounts are compared in whole cents, so 0.07 + 513.07 + 486.86 is 1000.00, not above a 1000 limit. */
const cents = (n: number) => Math.round(n * 100);
const money = (c: number) => (c / 100).toFixed(2);
const DAY_MS = 86_400_000;

export interface DecisionContext {
  now: Date;
  /** Executions of this action for this customer inside the rule's velocity period (not counting this one). */
  recentCount?: number | undefined;
}

/** Pure: the decision for one write, from the policy, the action's facts and the principal kind. */
export function evaluatePolicy(policy: Policy, action: string, facts: ActionFacts, kind: PrincipalKind, context: DecisionContext): PolicyDecision {
  const rule = effectiveRule(policy, action, kind);
  const deny: string[] = [];
  const approve: string[] = [];
  const label = rule.amount_label ?? 'amount';
  const route = (over: 'approve' | 'deny', reason: string) => (over === 'deny' ? deny : approve).push(reason);
  if (rule.statuses && (facts.status === undefined || !rule.statuses.includes(facts.status))) {
    deny.push(`status ${facts.status === undefined ? 'is unknown' : `'${facts.status}'`} is not one of ${rule.statuses.map((s) => `'${s}'`).join(', ')}`);
  }
  if (facts.amount !== undefined) {
    // A broken assessment fails closed. A negative amount (money moved back) is limited by its size.
    if (!Number.isFinite(facts.amount)) deny.push(`${label} is not a number (${facts.amount}), so its limits cannot be checked`);
    else {
      const amount = cents(Math.abs(facts.amount));
      if (rule.deny_above !== undefined && amount > cents(rule.deny_above)) deny.push(`${label} ${money(amount)} > ${money(cents(rule.deny_above))}`);
      else if (rule.approve_above !== undefined && amount > cents(rule.approve_above)) approve.push(`${label} ${money(amount)} > ${money(cents(rule.approve_above))}`);
    }
  }
  // A window counts from the subject's `since` time; a subject without one (e.g. imported without dates) is not
  // windowed, but one whose `since` is not a date is refused (the window cannot be checked).
  if (rule.window && facts.since !== undefined) {
    const since = Date.parse(facts.since);
    if (Number.isNaN(since)) deny.push(`since '${facts.since}' is not a date, so the ${rule.window.days}-day window cannot be checked`);
    else {
      const days = (context.now.getTime() - since) / DAY_MS;
      if (days > rule.window.days) route(rule.window.over, `${days.toFixed(1)} days have passed since ${facts.since}, more than the ${rule.window.days}-day window`);
    }
  }
  if (rule.velocity && facts.customerId !== undefined && context.recentCount !== undefined && context.recentCount + 1 > rule.velocity.max) {
    route(rule.velocity.over, `customer ${facts.customerId} already had ${context.recentCount} ${action} in the last ${rule.velocity.days} days (limit ${rule.velocity.max})`);
  }
  const base = { action, rule: rule.rule, autonomy: rule.autonomy, policyVersion: policy.version, evidence: policy.evidence.get(rule.rule === 'default' ? '*' : action) ?? [] };
  if (deny.length > 0) return { ...base, outcome: 'deny', reasons: deny, explanation: `denied because ${deny.join('; ')}` };
  if (rule.autonomy === 'shadow') {
    const reasons = [`autonomy for ${action} is 'shadow': the agent only proposes`, ...approve];
    return { ...base, outcome: 'shadow', reasons, explanation: `proposed only (shadow mode) because autonomy for ${action} is 'shadow'` };
  }
  if (rule.autonomy === 'approve') approve.unshift(`autonomy for ${action} is 'approve'`);
  if (approve.length > 0) return { ...base, outcome: 'approve', reasons: approve, explanation: `needs approval because ${approve.join('; ')}` };
  return { ...base, outcome: 'allow', reasons: [], explanation: 'allowed' };
}
