import type { EvalReport, UsageSummary } from './summarize.ts';

/** A cost for people: dollars with enough digits for small runs, or "not configured" when no price is set. */
export function costText(costUsd: number | null): string {
  if (costUsd === null) return 'not configured';
  return `$${costUsd < 1 ? costUsd.toFixed(4) : costUsd.toFixed(2)}`;
}

export function tokensText(usage: Pick<UsageSummary, 'inputTokens' | 'outputTokens'>): string {
  return `${usage.inputTokens}/${usage.outputTokens}`;
}

/** One line on the whole run's tokens and cost, with where the price comes from. */
export function usageLine(report: EvalReport): string {
  const u = report.totals.usage;
  const price = report.pricing
    ? ` at $${report.pricing.inputPerMTok}/$${report.pricing.outputPerMTok} per 1M tokens in/out (${report.pricing.source})`
    : ' (set MODEL_PRICE_INPUT_PER_MTOK and MODEL_PRICE_OUTPUT_PER_MTOK to price it)';
  return `tokens in/out: ${tokensText(u)} over ${u.modelCalls} model call(s) · cost: ${costText(u.costUsd)}${price}`;
}
