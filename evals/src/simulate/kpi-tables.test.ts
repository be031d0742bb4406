import { describe, expect, it } from 'vitest';
import { humanBaselineKpis } from './kpis.ts';
import { kpiTable, targetTable } from './kpi-tables.ts';

describe('simulation report tables', () => {
  it('puts the agent beside the no-agent baseline, KPI by KPI', () => {
    const baseline = humanBaselineKpis([{ id: '1', customerId: 'c', intent: 'track_order', turns: ['hi'], lowRiskReturn: false, fromDeliveryException: false }]);
    const table = kpiTable({ ...baseline, resolvedWithoutHuman: 0.615, policyViolations: 0 }, baseline).split('\n');
    expect(table[0]).toBe('| KPI | agent | no agent (all human) |');
    expect(table).toContain('| resolved without a human | 61.5% | 0.0% |');
    expect(table).toContain('| policy violations (must be 0) | 0 | 0 |');
  });

  it('marks each case-study target met or not against its goal', () => {
    const table = targetTable({ returnsCostChange: -0.24, failedDeliveryChange: -0.899, lowRiskReturnAutomation: 0.976 }).split('\n');
    expect(table).toContain('| returns handling cost vs no agent | -24.0% | ≤ −30% | NO |');
    expect(table).toContain('| failed deliveries that fail again vs no agent | -89.9% | ≤ −20% | yes |');
    expect(table).toContain('| low-risk returns automated | 97.6% | ≥ 90% | yes |');
  });
});
