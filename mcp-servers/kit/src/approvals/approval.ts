/** `expired`: a pending or approved request whose expiry passed, marked on its next access or by a sweep. */
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'used', 'expired'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/**
 * A request for a human decision, bound to exactly one call: the SHA-256 of its canonical arguments, the principal
 * that asked, and the policy version that required it. Carried in APPROVAL_REQUIRED details as `approval`.
 */
export interface ApprovalRequest {
  id: string;
  status: ApprovalStatus;
  system: string;
  tool: string;
  action: string;
  /**
   * The call's arguments as the server parsed them, NOT redacted: the operator must see exactly what they approve.
   * They are kept in the approvals table (operational data, like the systems' own records, and answered to the
   * requesting agent); the ledger's entries about the approval are redacted like every ledger entry.
   */
  arguments: Record<string, unknown>;
  argsHash: string;
  principalId: string;
  principalKind: string;
  conversationId?: string | undefined;
  customerId?: string | undefined;
  orderId?: string | undefined;
  amount?: number | undefined;
  /** Why policy asks for approval, e.g. "needs approval because refund 412.50 > 250.00". */
  reason: string;
  policyVersion: string;
  createdAt: string;
  expiresAt: string;
  resolvedBy?: string | undefined;
  resolvedAt?: string | undefined;
  note?: string | undefined;
  /** The operator approved edited arguments: the retried call must carry those. */
  edited: boolean;
  usedAt?: string | undefined;
  /** When it was marked expired. */
  expiredAt?: string | undefined;
}

/**
 * Past its expiry: a pending or approved request can no longer be resolved or used, even before a sweep marks it
 * `expired` (the status catches up on the next access).
 */
export function isExpired(approval: ApprovalRequest, now: Date): boolean {
  return approval.status === 'expired' || Date.parse(approval.expiresAt) <= now.getTime();
}
