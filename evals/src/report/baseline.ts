import { z } from 'zod';
import type { EvalReport } from './summarize.ts';

export const baselineSchema = z.object({
  model: z.string(),
  generatedAt: z.string(),
  scenarios: z.record(z.string(), z.number().min(0).max(1)).describe('pass^1 per scenario id'),
});
export type Baseline = z.infer<typeof baselineSchema>;

export function toBaseline(report: EvalReport): Baseline {
  return {
    model: report.model,
    generatedAt: report.generatedAt,
    scenarios: Object.fromEntries(report.scenarios.map((s) => [s.id, s.passHat1]).sort(([a], [b]) => String(a).localeCompare(String(b)))),
  };
}

export interface BaselineComparison {
  regressions: { id: string; before: number; after: number }[];
  improvements: { id: string; before: number; after: number }[];
  unknown: string[];
}

/** A regression is a scenario that now passes less often than the committed baseline says it did. */
export function compareToBaseline(report: EvalReport, baseline: Baseline): BaselineComparison {
  const regressions: BaselineComparison['regressions'] = [];
  const improvements: BaselineComparison['improvements'] = [];
  const unknown: string[] = [];
  for (const s of report.scenarios) {
    const before = baseline.scenarios[s.id];
    if (before === undefined) unknown.push(s.id);
    else if (s.passHat1 < before - 1e-9) regressions.push({ id: s.id, before, after: s.passHat1 });
    else if (s.passHat1 > before + 1e-9) improvements.push({ id: s.id, before, after: s.passHat1 });
  }
  return { regressions, improvements, unknown };
}
