import type { ApprovalDecision } from '../approvals/approval-request.ts';

/** An approval as the kit's approvals API returns it, as far as the graph's decision needs it. */
export interface KitApproval {
  id: string;
  status: string;
  conversationId?: string | undefined;
  expiresAt?: string | undefined;
  resolvedBy?: string | undefined;
  note?: string | undefined;
  edited?: boolean | undefined;
  arguments?: Record<string, unknown> | undefined;
}

/** The decision the kit already holds for an approval, and a sentence for the operator saying so. */
export interface KitDecision {
  decision: ApprovalDecision;
  notice: string;
}

/**
 * What the paused run must resume with when the kit has settled its approval without this service: it expired, or
 * an operator resolved it elsewhere (e.g. `pnpm approvals`). Undefined while it is pending or the kit does not know it.
 * Expired resumes as a reject that says so, so the agent tells the customer and the conversation goes on.
 */
export function kitDecision(approval: KitApproval | undefined): KitDecision | undefined {
  if (!approval) return undefined;
  const id = approval.id;
  const by = approval.resolvedBy ? ` by ${approval.resolvedBy}` : '';
  switch (approval.status) {
    case 'expired':
      return {
        decision: { decision: 'reject', expired: true, note: `approval ${id} expired${approval.expiresAt ? ` at ${approval.expiresAt}` : ''} before it was used; ask again if it is still wanted` },
        notice: `approval ${id} had expired, so it can no longer be approved or rejected; the conversation resumed as not approved and the agent told the customer`,
      };
    case 'rejected':
      return {
        decision: { decision: 'reject', ...(approval.note ? { note: approval.note } : {}) },
        notice: `approval ${id} was already rejected${by}; the conversation resumed with that decision`,
      };
    case 'approved':
    case 'used':
      // Approved elsewhere: the retried call carries the approval (edited arguments too); the kit checks it once more.
      return {
        decision: approval.edited && approval.arguments ? { decision: 'edit', arguments: approval.arguments } : { decision: 'approve' },
        notice: `approval ${id} was already ${approval.status}${by}; the conversation resumed with that decision`,
      };
    default:
      return undefined;
  }
}
