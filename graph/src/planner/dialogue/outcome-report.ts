import type { Agenda } from './tasks.ts';

/** One sentence per write that finished since the customer's latest message: what happened, or why not. */
export function reportOutcomes(agenda: Agenda): string[] {
  return agenda.tasks
    .filter((t) => t.outcome && t.outcome.index > agenda.latestAt)
    .map((t) => {
      const outcome = t.outcome;
      if (!outcome) return '';
      const created = (outcome.data as { order_id?: unknown } | undefined)?.order_id;
      const orderId = typeof outcome.args.order_id === 'string' ? outcome.args.order_id : typeof created === 'string' ? created : undefined;
      const parcel = typeof outcome.args.tracking_id === 'string' ? outcome.args.tracking_id : undefined;
      const target = orderId ? ` for order ${orderId}` : parcel ? ` for parcel ${parcel}` : '';
      const action = outcome.name.replace(/_/g, ' ');
      if (outcome.declined) return `Understood: I did not ${action}${target}; nothing was changed.`;
      if (!outcome.ok) return `The system refused to ${action}${target}: ${outcome.text}`;
      return `Done: ${action}${target}${statusOf(outcome.data)}.`;
    });
}

function statusOf(data: unknown): string {
  if (data && typeof data === 'object' && typeof (data as { status?: unknown }).status === 'string') {
    return ` (the order is now ${(data as { status: string }).status})`;
  }
  return '';
}
