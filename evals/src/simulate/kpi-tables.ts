import type { Kpis, uplift } from './kpis.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The simulated day's KPIs beside the no-agent baseline, as a Markdown table. */
export function kpiTable(agent: Kpis, baseline: Kpis): string {
  const rows: [string, (k: Kpis) => string][] = [
    ['contacts', (k) => String(k.contacts)],
    ['resolved without a human', (k) => pct(k.resolvedWithoutHuman)],
    ['escalation rate', (k) => pct(k.escalationRate)],
    ['low-risk returns automated', (k) => pct(k.lowRiskReturnAutomation)],
    ['failed deliveries recovered', (k) => `${pct(k.failedDeliveriesRecovered)} of ${k.failedDeliveries}`],
    ['mean minutes to resolution', (k) => k.meanMinutesToResolution.toFixed(2)],
    ['cost per contact (USD)', (k) => k.costPerResolvedContact.toFixed(3)],
    ['total cost (USD)', (k) => k.totalCost.toFixed(2)],
    ['approvals requested', (k) => String(k.approvalsRequested)],
    ['policy violations (must be 0)', (k) => String(k.policyViolations)],
    ['duplicated side effects (must be 0)', (k) => String(k.duplicatedSideEffects)],
  ];
  return ['| KPI | agent | no agent (all human) |', '|---|---:|---:|', ...rows.map(([name, f]) => `| ${name} | ${f(agent)} | ${f(baseline)} |`)].join('\n');
}

/** The case study's targets, measured against the no-agent baseline, each marked met or not. */
export function targetTable(t: ReturnType<typeof uplift>): string {
  const rows: [string, number, string, boolean][] = [
    ['returns handling cost vs no agent', t.returnsCostChange, '≤ −30%', t.returnsCostChange <= -0.3],
    ['failed deliveries that fail again vs no agent', t.failedDeliveryChange, '≤ −20%', t.failedDeliveryChange <= -0.2],
    ['low-risk returns automated', t.lowRiskReturnAutomation, '≥ 90%', t.lowRiskReturnAutomation >= 0.9],
  ];
  return ['| case-study target | measured | goal | met |', '|---|---:|---:|---|', ...rows.map(([name, v, goal, met]) => `| ${name} | ${pct(v)} | ${goal} | ${met ? 'yes' : 'NO'} |`)].join('\n');
}
