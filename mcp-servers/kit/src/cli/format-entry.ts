import type { LedgerEntry } from '../ledger/ledger-entry.ts';

function summary(e: LedgerEntry): string {
  const d = e.data;
  switch (e.kind) {
    case 'intent':
      return `asked ${JSON.stringify(d.arguments)}${d.idempotencyKey ? ` key=${String(d.idempotencyKey)}` : ''}`;
    case 'decision':
      return `${String(d.explanation)} [policy ${String(d.policyVersion)}]${Array.isArray(d.evidence) && d.evidence.length ? ` evidence ${d.evidence.map((x: { doc: string; section: string; version?: string; status?: string }) => `${x.doc}#${x.section}@${x.version ?? x.status ?? '?'}`).join(', ')}` : ''}`;
    case 'result':
      return `executed -> ${JSON.stringify(d.output)} (${String(d.durationMs)} ms)`;
    case 'error':
      return `not executed: ${String(d.code)} ${String(d.message)}`;
    case 'compensation':
      return `undid step ${String(d.step)} of ${String(d.saga)}: ${String(d.outcome)}${d.error ? ` (${String(d.error)})` : ''}`;
    default:
      return `${String(d.approvalId)}${d.reason ? `: ${String(d.reason)}` : ''}${d.note ? ` note: ${String(d.note)}` : ''}`;
  }
}

/** One readable line per entry: chain/seq (its place in its hash chain), time, kind, tool, principal (kind and id), what happened. */
export function formatEntry(e: LedgerEntry): string {
  const who = e.principal ? `${e.principal.kind} ${e.principal.id}` : '-';
  const what = [e.system, e.tool].filter(Boolean).join('.') || e.action || '-';
  return `${`${e.chain}/${e.seq}`.padEnd(8)} ${e.at}  ${e.kind.padEnd(18)} ${what.padEnd(34)} ${who.padEnd(24)} ${summary(e)}`;
}
