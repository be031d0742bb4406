import type { TrialResult } from '../runner/run-scenarios.ts';
import { costText, tokensText, usageLine } from './format-usage.ts';
import type { EvalReport, SuiteSummary } from './summarize.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Grouped bar chart of pass^1 and pass^k per suite, as inline SVG (no scripts, no network). */
function passChart(suites: SuiteSummary[], k: number): string {
  const barW = 28;
  const group = barW * 2 + 24;
  const h = 160;
  const width = Math.max(240, suites.length * group + 60);
  const bars = suites
    .map((s, i) => {
      const x = 40 + i * group;
      const b1 = Math.round(s.passHat1 * h);
      const bk = Math.round(s.passHatK * h);
      return `<rect x="${x}" y="${20 + h - b1}" width="${barW}" height="${b1}" fill="#2f6fed"><title>${escapeHtml(s.suite)} pass^1 ${pct(s.passHat1)}</title></rect>
<rect x="${x + barW + 4}" y="${20 + h - bk}" width="${barW}" height="${bk}" fill="#9bb8f5"><title>${escapeHtml(s.suite)} pass^${k} ${pct(s.passHatK)}</title></rect>
<text x="${x + barW}" y="${h + 36}" text-anchor="middle" font-size="12">${escapeHtml(s.suite)}</text>`;
    })
    .join('\n');
  const axis = [0, 0.5, 1]
    .map((v) => `<text x="32" y="${24 + h - v * h}" text-anchor="end" font-size="11">${v * 100}%</text><line x1="36" x2="${width}" y1="${20 + h - v * h}" y2="${20 + h - v * h}" stroke="#ddd"/>`)
    .join('');
  return `<svg role="img" aria-label="pass rates per suite" width="${width}" height="${h + 50}" xmlns="http://www.w3.org/2000/svg">${axis}${bars}
<rect x="${width - 150}" y="2" width="10" height="10" fill="#2f6fed"/><text x="${width - 136}" y="11" font-size="11">pass^1</text>
<rect x="${width - 80}" y="2" width="10" height="10" fill="#9bb8f5"/><text x="${width - 66}" y="11" font-size="11">pass^${k}</text></svg>`;
}

function trialDetails(result: TrialResult): string {
  const turns = result.transcript.turns
    .map((t) => {
      const calls = t.toolCalls
        .map((c) => `<li><code>${escapeHtml(c.tool)}(${escapeHtml(JSON.stringify(c.args))})</code> → ${c.ok ? 'ok' : `<b>${escapeHtml(c.error?.code ?? 'not run')}</b> ${escapeHtml(c.error?.message ?? '')}`}${c.write ? ' <i>(write)</i>' : ''}</li>`)
        .join('');
      return `<div class="turn"><p class="customer"><b>Customer:</b> ${escapeHtml(t.customer)}</p>${calls ? `<ul class="calls">${calls}</ul>` : ''}<p class="agent"><b>Agent:</b> ${escapeHtml(t.agent)}</p></div>`;
    })
    .join('');
  const reasons = [...result.grade.violations.map((v) => `<li class="violation">violation: ${escapeHtml(v)}</li>`), ...result.grade.failures.map((f) => `<li>${escapeHtml(f)}</li>`)].join('');
  const changes = result.changes.length
    ? `<table class="diff"><tr><th>path</th><th>before</th><th>after</th></tr>${result.changes
        .map((c) => `<tr><td><code>${escapeHtml(c.path)}</code></td><td><code>${escapeHtml(JSON.stringify(c.before) ?? '—')}</code></td><td><code>${escapeHtml(JSON.stringify(c.after) ?? '—')}</code></td></tr>`)
        .join('')}</table>`
    : '<p>No state changed.</p>';
  return `<details><summary>${escapeHtml(result.scenarioId)} · trial ${result.trial + 1} · ${result.suite}${result.adversarial ? ' · adversarial' : ''}</summary>
<h4>Why it failed</h4><ul>${reasons}</ul><h4>Transcript</h4>${turns || '<p>(no turns)</p>'}<h4>State changes (actual)</h4>${changes}</details>`;
}

/** One self-contained HTML page: totals, a chart, the per-suite table, and every failing trial in detail. */
export function htmlReport(report: EvalReport): string {
  const rows = report.suites
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.suite)}</td><td>${s.scenarios}</td><td>${pct(s.passHat1)}</td><td>${pct(s.passHatK)}</td><td>${s.violations}</td><td>${s.unnecessaryEscalations}</td><td>${s.meanTurns.toFixed(1)}</td><td>${s.meanToolCalls.toFixed(1)}</td><td>${s.latencyP50Ms.toFixed(0)}</td><td>${s.latencyP95Ms.toFixed(0)}</td><td>${tokensText(s)}</td><td>${escapeHtml(costText(s.costUsd))}</td></tr>`,
    )
    .join('');
  const failing = report.results.filter((r) => !r.grade.passed).map(trialDetails).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Eval report — ${escapeHtml(report.model)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem;max-width:1100px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
.violation{color:#b00020;font-weight:bold}details{margin:.5rem 0;border:1px solid #ddd;padding:.5rem}.customer{color:#333}.agent{color:#0b5}.diff td{text-align:left}</style></head>
<body><h1>Eval report</h1><p>Model <b>${escapeHtml(report.model)}</b> · ${escapeHtml(report.generatedAt)} · ${report.trialsPerScenario} trial(s) per scenario</p>
<p id="totals"><b>${report.totals.passed} passed, ${report.totals.failed} failed</b> · policy violations: ${report.totals.violations} · adversarial breaches: ${report.totals.adversarialBreaches}</p>
<p id="usage">${escapeHtml(usageLine(report))}</p>
${passChart(report.suites, report.k)}
<table id="suites"><tr><th>suite</th><th>scenarios</th><th>pass^1</th><th>pass^${report.k}</th><th>violations</th><th>unneeded escalations</th><th>turns</th><th>tool calls</th><th>p50 ms</th><th>p95 ms</th><th>tokens in/out</th><th>cost</th></tr>${rows}</table>
<h2>Failing trials</h2>${failing || '<p>None.</p>'}</body></html>`;
}
