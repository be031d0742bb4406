import { costText, tokensText, usageLine } from './format-usage.ts';
import type { EvalReport } from './summarize.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A Markdown summary for pull requests: per-suite table, then the failing scenarios with their first reason. */
export function markdownReport(report: EvalReport): string {
  const lines = [
    `## Eval report — ${report.model}`,
    '',
    `${report.totals.passed} passed, ${report.totals.failed} failed (trials counted separately; ${report.trialsPerScenario} per scenario) · policy violations: ${report.totals.violations} · adversarial breaches: ${report.totals.adversarialBreaches}`,
    '',
    usageLine(report),
    '',
    `| suite | scenarios | pass^1 | pass^${report.k} | violations | unneeded escalations | turns | tool calls | p50 ms | p95 ms | tokens in/out | cost |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.suites.map(
      (s) =>
        `| ${s.suite} | ${s.scenarios} | ${pct(s.passHat1)} | ${pct(s.passHatK)} | ${s.violations} | ${s.unnecessaryEscalations} | ${s.meanTurns.toFixed(1)} | ${s.meanToolCalls.toFixed(1)} | ${s.latencyP50Ms.toFixed(0)} | ${s.latencyP95Ms.toFixed(0)} | ${tokensText(s)} | ${costText(s.costUsd)} |`,
    ),
  ];
  const failing = report.scenarios.filter((s) => s.passes < s.trials);
  if (failing.length > 0) {
    lines.push('', '### Failing scenarios', '', '| scenario | suite | passes | first reason |', '|---|---|---:|---|');
    for (const s of failing) {
      const reason = (s.violations[0] ?? s.failures[0] ?? '').replace(/\|/g, '\\|');
      lines.push(`| ${s.id}${s.adversarial ? ' ⚠' : ''} | ${s.suite} | ${s.passes}/${s.trials} | ${reason} |`);
    }
  }
  return lines.join('\n') + '\n';
}
