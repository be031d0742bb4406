import type { ModelPrice } from '@agentic-commerce/graph/models/model-price';
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
  modelCalls: number;
  /** USD at the report's pricing; null when no price is configured (tokens are still counted). */
  costUsd: number | null;
}

/** Token usage of a set of trials, as the agent's model reported it. */
export interface UsageSummary {
  inputTokens: number;
  outputTokens: number;
  modelCalls: number;
  costUsd: number | null;
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
  totals: { passed: number; failed: number; violations: number; adversarialBreaches: number; usage: UsageSummary };
  /** The price applied to tokens (USD per 1M), or null: cost not configured. */
  pricing: ModelPrice | null;
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

/** Sums the tokens of some trials; the cost is null without a price, and a trial with no usage record counts 0. */
export function usageOf(results: TrialResult[], priced: boolean): UsageSummary {
  const sum = (pick: (u: NonNullable<TrialResult['transcript']['usage']>) => number) => results.reduce((n, r) => n + (r.transcript.usage ? pick(r.transcript.usage) : 0), 0);
  return {
    inputTokens: sum((u) => u.inputTokens),
    outputTokens: sum((u) => u.outputTokens),
    modelCalls: sum((u) => u.modelCalls),
    costUsd: priced ? sum((u) => u.costUsd ?? 0) : null,
  };
}

export function summarize(results: TrialResult[], options: { model: string; k: number; trialsPerScenario: number; pricing?: ModelPrice | undefined }): EvalReport {
  const priced = options.pricing !== undefined;
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
      ...usageOf(rs, priced),
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
      usage: usageOf(results, priced),
    },
    pricing: options.pricing ?? null,
    suites,
    scenarios,
    results,
  };
}
