import type { TurnEvent } from '../service/turn-events.ts';

const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;
const bold = (s: string) => `\x1b[1m${s}\x1b[0m`;
const short = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** One line (or block) of terminal output per turn event. */
export function formatEvent(event: TurnEvent, color = true): string {
  const d = color ? dim : (s: string) => s;
  const b = color ? bold : (s: string) => s;
  switch (event.type) {
    case 'routed':
      return d(`  → ${event.agent}${event.reason ? ` (${event.reason})` : ''}`);
    case 'tool_call':
      return d(`  ⚙ ${event.tool} ${short(JSON.stringify(event.args))}`);
    case 'tool_result':
      return d(`  ${event.ok ? '✓' : '✗'} ${event.tool}: ${short(event.text)}`);
    case 'confirmation_required':
      return `${b('agent')}: ${event.statement}`;
    case 'approval_required':
      return `${b('approval needed')} ${event.request.approvalId}: ${event.request.what}\n  why: ${event.request.why}${event.request.amount !== undefined ? `\n  amount: ${event.request.amount}` : ''}`;
    case 'message':
      return `${b('agent')}: ${event.text}`;
    case 'handoff':
      return d('  (handed off to a human agent)');
  }
}
