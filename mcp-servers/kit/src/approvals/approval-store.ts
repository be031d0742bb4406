import type { Queryable } from '../db/database.ts';
import { assertSchemaName } from '../db/migrate.ts';
import { APPROVAL_STATUSES, type ApprovalRequest, type ApprovalStatus } from './approval.ts';

interface Row {
  id: string;
  status: ApprovalStatus;
  system: string;
  tool: string;
  action: string;
  arguments: Record<string, unknown>;
  args_hash: string;
  principal_id: string;
  principal_kind: string;
  conversation_id: string | null;
  customer_id: string | null;
  order_id: string | null;
  amount: number | null;
  reason: string;
  policy_version: string;
  created_at: string;
  expires_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
  note: string | null;
  edited: boolean;
  used_at: string | null;
  expired_at: string | null;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function toApproval(r: Row): ApprovalRequest {
  return {
    id: r.id, status: r.status, system: r.system, tool: r.tool, action: r.action, arguments: r.arguments, argsHash: r.args_hash,
    principalId: r.principal_id, principalKind: r.principal_kind, conversationId: opt(r.conversation_id), customerId: opt(r.customer_id),
    orderId: opt(r.order_id), amount: opt(r.amount), reason: r.reason, policyVersion: r.policy_version, createdAt: r.created_at,
    expiresAt: r.expires_at, resolvedBy: opt(r.resolved_by), resolvedAt: opt(r.resolved_at), note: opt(r.note), edited: r.edited, usedAt: opt(r.used_at),
    expiredAt: opt(r.expired_at),
  };
}

/** Rows of `<schema>.approvals`. State changes are conditional updates, so two operators cannot both win. */
export function approvalStore(schema: string) {
  assertSchemaName(schema);
  const table = `${schema}.approvals`;
  return {
    async insert(q: Queryable, a: ApprovalRequest): Promise<void> {
      await q.query(
        `INSERT INTO ${table} (id, status, system, tool, action, arguments, args_hash, principal_id, principal_kind, conversation_id,
           customer_id, order_id, amount, reason, policy_version, created_at, expires_at, edited)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)`,
        [a.id, a.status, a.system, a.tool, a.action, JSON.stringify(a.arguments), a.argsHash, a.principalId, a.principalKind,
          a.conversationId ?? null, a.customerId ?? null, a.orderId ?? null, a.amount ?? null, a.reason, a.policyVersion, a.createdAt, a.expiresAt, a.edited],
      );
    },
    async get(q: Queryable, id: string, forUpdate = false): Promise<ApprovalRequest | undefined> {
      const [row] = await q.query<Row>(`SELECT * FROM ${table} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
      return row ? toApproval(row) : undefined;
    },
    /** The newest pending, unexpired request for exactly this call by this principal under this policy version. */
    async findPending(q: Queryable, a: Pick<ApprovalRequest, 'system' | 'tool' | 'argsHash' | 'principalId' | 'principalKind' | 'conversationId' | 'policyVersion'>, now: string): Promise<ApprovalRequest | undefined> {
      const [row] = await q.query<Row>(
        `SELECT * FROM ${table} WHERE status = 'pending' AND expires_at > $1 AND system = $2 AND tool = $3 AND args_hash = $4
           AND principal_id = $5 AND principal_kind = $6 AND conversation_id IS NOT DISTINCT FROM $7 AND policy_version = $8
         ORDER BY created_at DESC LIMIT 1`,
        [now, a.system, a.tool, a.argsHash, a.principalId, a.principalKind, a.conversationId ?? null, a.policyVersion],
      );
      return row ? toApproval(row) : undefined;
    },
    async list(q: Queryable, filter: { status?: ApprovalStatus; conversationId?: string; limit?: number }): Promise<ApprovalRequest[]> {
      const params: unknown[] = [];
      const where: string[] = [];
      if (filter.status) where.push(`status = $${params.push(filter.status)}`);
      if (filter.conversationId) where.push(`conversation_id = $${params.push(filter.conversationId)}`);
      const rows = await q.query<Row>(
        `SELECT * FROM ${table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT $${params.push(filter.limit ?? 100)}`,
        params,
      );
      return rows.map(toApproval);
    },
    /** pending -> approved | rejected; returns undefined when it was no longer pending. */
    async resolve(q: Queryable, id: string, to: 'approved' | 'rejected', by: string, at: string, note: string | undefined, edit?: { arguments: Record<string, unknown>; argsHash: string }): Promise<ApprovalRequest | undefined> {
      const [row] = await q.query<Row>(
        `UPDATE ${table} SET status = $2, resolved_by = $3, resolved_at = $4, note = $5,
           arguments = COALESCE($6::jsonb, arguments), args_hash = COALESCE($7, args_hash), edited = $8
         WHERE id = $1 AND status = 'pending' RETURNING *`,
        [id, to, by, at, note ?? null, edit ? JSON.stringify(edit.arguments) : null, edit?.argsHash ?? null, edit !== undefined],
      );
      return row ? toApproval(row) : undefined;
    },
    /** approved -> used, exactly once. */
    async markUsed(q: Queryable, id: string, at: string): Promise<boolean> {
      const rows = await q.query(`UPDATE ${table} SET status = 'used', used_at = $2 WHERE id = $1 AND status = 'approved' RETURNING id`, [id, at]);
      return rows.length === 1;
    },
    /**
     * pending | approved -> expired for every request (or the one `id`) whose expiry is at or before `now`; returns
     * them with the status each had before.
     */
    async expire(q: Queryable, now: string, id?: string): Promise<{ approval: ApprovalRequest; was: ApprovalStatus }[]> {
      const rows = await q.query<Row & { was: ApprovalStatus }>(
        `UPDATE ${table} a SET status = 'expired', expired_at = $1
           FROM (SELECT id, status AS was FROM ${table} WHERE status IN ('pending', 'approved') AND expires_at <= $1
                   ${id === undefined ? '' : 'AND id = $2'} ORDER BY expires_at, id FOR UPDATE) due
          WHERE a.id = due.id AND a.status IN ('pending', 'approved') RETURNING a.*, due.was`,
        id === undefined ? [now] : [now, id],
      );
      return rows.map((r) => ({ approval: toApproval(r), was: r.was }));
    },
    /** Requests by status, counting pending or approved ones past their expiry as expired. */
    async countByStatus(q: Queryable, now: string): Promise<Record<ApprovalStatus, number>> {
      const rows = await q.query<{ status: ApprovalStatus; n: number }>(
        `SELECT CASE WHEN status IN ('pending', 'approved') AND expires_at <= $1 THEN 'expired' ELSE status END AS status, count(*)::int AS n
           FROM ${table} GROUP BY 1`,
        [now],
      );
      const counts = Object.fromEntries(APPROVAL_STATUSES.map((s) => [s, 0])) as Record<ApprovalStatus, number>;
      for (const r of rows) counts[r.status] = r.n;
      return counts;
    },
    async countPending(q: Queryable, now: string): Promise<number> {
      const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE status = 'pending' AND expires_at > $1`, [now]);
      return row?.n ?? 0;
    },
  };
}
export type ApprovalStore = ReturnType<typeof approvalStore>;
