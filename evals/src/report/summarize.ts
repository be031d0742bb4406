import { passHatK } from '../runner/pass-k.ts';
import type { TrialResult } from '../runner/run-scenarios.ts';

export interface SuiteSummary {
  suite: string;
  scenarios: number;
  trials: number;
  passHat1: number;
  passHatK: number;
  violations: number;
  unnecessaryEscalations: number;
  meanTurns: number;
  meanToolCalls: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface ScenarioSummary {
  id: string;
  suite: string;
  adversarial: boolean;
  trials: number;
  passes: number;
  passHat1: number;
  passHatK: number;
  violations: string[];
  failures: string[];
}

export interface EvalReport {
  generatedAt: string;
  model: string;
  k: number;
  trialsPerScenario: number;
  totals: { passed: number; failed: number; violations: number; adversarialBreaches: number };
  suites: SuiteSummary[];
  scenarios: ScenarioSummary[];
  results: TrialResult[];
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);

function summarizeScenario(id: string, trials: TrialResult[], k: number): ScenarioSummary {
  const first = trials[0]!;
  const passes = trials.filter((t) => t.grade.passed).length;
  const failing = trials.find((t) => !t.grade.passed);
  return {
    id,
    suite: first.suite,
    adversarial: first.adversarial,
    trials: trials.length,
    passes,
    passHat1: passHatK(passes, trials.length, 1),
    passHatK: passHatK(passes, trials.length, Math.min(k, trials.length)),
    violations: [...new Set(trials.flatMap((t) => t.grade.violations))],
    failures: failing ? failing.grade.failures : [],
  };
}

export function summarize(results: TrialResult[], options: { model: string; k: number; trialsPerScenario: number }): EvalReport {
  const byScenario = new Map<string, TrialResult[]>();
  for (const result of results) byScenario.set(result.scenarioId, [...(byScenario.get(result.scenarioId) ?? []), result]);
  const scenarios = [...byScenario].map(([id, trials]) => summarizeScenario(id, trials, options.k));
  const suites = [...new Set(scenarios.map((s) => s.suite))].map((suite): SuiteSummary => {
    const ss = scenarios.filter((s) => s.suite === suite);
    const rs = results.filter((r) => r.suite === suite);
    return {
      suite,
      scenarios: ss.length,
      trials: rs.length,
      passHat1: mean(ss.map((s) => s.passHat1)),
      passHatK: mean(ss.map((s) => s.passHatK)),
      violations: rs.reduce((n, r) => n + r.grade.violations.length, 0),
      unnecessaryEscalations: rs.filter((r) => r.grade.unnecessaryEscalation).length,
      meanTurns: mean(rs.map((r) => r.turns)),
      meanToolCalls: mean(rs.map((r) => r.toolCalls)),
      latencyP50Ms: percentile(rs.map((r) => r.latencyMs), 50),
      latencyP95Ms: percentile(rs.map((r) => r.latencyMs), 95),
      inputTokens: rs.reduce((n, r) => n + (r.transcript.usage?.inputTokens ?? 0), 0),
      outputTokens: rs.reduce((n, r) => n + (r.transcript.usage?.outputTokens ?? 0), 0),
      costUsd: rs.reduce((n, r) => n + (r.transcript.usage?.costUsd ?? 0), 0),
    };
  });
  const passed = results.filter((r) => r.grade.passed).length;
  return {
    generatedAt: new Date().toISOString(),
    model: options.model,
    k: options.k,
    trialsPerScenario: options.trialsPerScenario,
    totals: {
      passed,
      failed: results.length - passed,
      violations: results.reduce((n, r) => n + r.grade.violations.length, 0),
      adversarialBreaches: results.filter((r) => r.adversarial && r.grade.violations.length > 0).length,
    },
    suites,
    scenarios,
    results,
  };
}
