import { conflict, failedPrecondition, heldRows, invalidArgument, notFound, type Queryable } from '@agentic-commerce/kit';
import { redeemValueCents } from '../domain/loyalty-rules.ts';
import { fromCents } from '../domain/money.ts';
import type { LoyaltyChange, LoyaltyKind, LoyaltyTransaction, PricingBackend } from './pricing-backend.ts';
import type { SqlRules } from './sql-rules.ts';

interface TransactionRow {
  id: number;
  customer_id: string;
  kind: LoyaltyKind;
  points: number;
  balance_after: number;
  reason: string;
  order_id: string | null;
  created_at: string;
}

const toTransaction = (r: TransactionRow): LoyaltyTransaction => ({
  id: r.id,
  customerId: r.customer_id,
  kind: r.kind,
  points: r.points,
  balanceAfter: r.balance_after,
  reason: r.reason,
  orderId: r.order_id,
  createdAt: r.created_at,
});

/** The message for a missing account: the same text whether it does not exist or belongs to someone else. */
export const noLoyaltyAccount = (customerId: string) => `no loyalty account for customer ${customerId}`;

type LoyaltyMethods = Pick<
  PricingBackend,
  'getLoyaltyAccount' | 'getLoyaltyHistory' | 'redeemLoyaltyPoints' | 'restoreLoyaltyPoints' | 'earnLoyaltyPoints' | 'getLoyaltyRedemption'
>;

/** Balances read locked by a write's assessment (`getLoyaltyAccount(…, { lock: true })`), which its change uses (kit `heldRows`). */
const heldBalances = heldRows<number>();

/** Loyalty accounts and their ledger of point movements; writes keyed by order id are idempotent. */
export function sqlLoyalty(s: string, q: Queryable, rules: SqlRules): LoyaltyMethods {
  const lockBalance = async (customerId: string): Promise<number> => {
    const held = heldBalances.take(q, `${s}.${customerId}`);
    if (held !== undefined) return held;
    const [row] = await q.query<{ balance: number }>(`SELECT balance FROM ${s}.loyalty_accounts WHERE customer_id = $1 FOR UPDATE`, [customerId]);
    if (!row) throw notFound(noLoyaltyAccount(customerId));
    return row.balance;
  };
  const byOrder = async (orderId: string, kind: LoyaltyKind) => {
    const [row] = await q.query<TransactionRow>(`SELECT * FROM ${s}.loyalty_transactions WHERE order_id = $1 AND kind = $2`, [orderId, kind]);
    return row && toTransaction(row);
  };
  const post = async (customerId: string, kind: LoyaltyKind, points: number, balance: number, reason: string, orderId: string, now: Date) => {
    const after = balance + points;
    await q.query(`UPDATE ${s}.loyalty_accounts SET balance = $2 WHERE customer_id = $1`, [customerId, after]);
    const [row] = await q.query<TransactionRow>(
      `INSERT INTO ${s}.loyalty_transactions (customer_id, kind, points, balance_after, reason, order_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [customerId, kind, points, after, reason, orderId, now.toISOString()],
    );
    if (!row) throw new Error('loyalty transaction was not recorded');
    return { transaction: toTransaction(row), balance: after, replayed: false };
  };
  const replay = async (customerId: string, existing: LoyaltyTransaction): Promise<LoyaltyChange> => {
    if (existing.customerId !== customerId) throw conflict(`order ${existing.orderId} already has points recorded for another customer`);
    return { transaction: existing, balance: await lockBalance(customerId), replayed: true };
  };
  const positive = (points: number) => {
    if (!Number.isInteger(points) || points <= 0) throw invalidArgument(`points must be a whole number above 0, got ${points}`);
  };

  return {
    async getLoyaltyAccount(customerId, options) {
      const [row] = await q.query<{ customer_id: string; segment: string; balance: number }>(
        `SELECT customer_id, segment, balance FROM ${s}.loyalty_accounts WHERE customer_id = $1${options?.lock ? ' FOR UPDATE' : ''}`,
        [customerId],
      );
      if (!row) return undefined;
      if (options?.lock) heldBalances.hold(q, `${s}.${customerId}`, row.balance);
      const program = await rules.program();
      return { customerId: row.customer_id, segment: row.segment, balance: row.balance, balanceValue: fromCents(redeemValueCents(row.balance, program)), program };
    },
    async getLoyaltyHistory(customerId, { limit, beforeId }) {
      const rows = await q.query<TransactionRow>(
        `SELECT * FROM ${s}.loyalty_transactions WHERE customer_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
        [customerId, beforeId ?? null, limit],
      );
      return rows.map(toTransaction);
    },
    getLoyaltyRedemption: (orderId) => byOrder(orderId, 'redeem'),
    async redeemLoyaltyPoints({ customerId, orderId, points, reason, now }) {
      positive(points);
      const balance = await lockBalance(customerId);
      const existing = await byOrder(orderId, 'redeem');
      if (existing) {
        if (existing.points !== -points) {
          throw conflict(`order ${orderId} already redeemed ${-existing.points} points; a different amount (${points}) needs a new order id`);
        }
        if (await byOrder(orderId, 'restore')) {
          throw failedPrecondition(`the points redeemed for order ${orderId} were restored; redeem again under a new order id`);
        }
        return replay(customerId, existing);
      }
      if (points > balance) throw failedPrecondition(`cannot redeem ${points} points: the balance of customer ${customerId} is ${balance} points`, { balance });
      return post(customerId, 'redeem', -points, balance, reason ?? `redeemed for order ${orderId}`, orderId, now);
    },
    async restoreLoyaltyPoints({ customerId, orderId, reason, now }) {
      const redeemed = await byOrder(orderId, 'redeem');
      if (!redeemed || (customerId !== undefined && redeemed.customerId !== customerId)) {
        throw notFound(`no points were redeemed for order ${orderId}${customerId === undefined ? '' : ` by customer ${customerId}`}`);
      }
      const balance = await lockBalance(redeemed.customerId);
      const existing = await byOrder(orderId, 'restore');
      if (existing) return replay(redeemed.customerId, existing);
      return post(redeemed.customerId, 'restore', -redeemed.points, balance, reason ?? `restored: order ${orderId} did not go ahead`, orderId, now);
    },
    async earnLoyaltyPoints({ customerId, orderId, points, reason, now }) {
      positive(points);
      const balance = await lockBalance(customerId);
      const existing = await byOrder(orderId, 'earn');
      if (existing) {
        if (existing.points !== points) throw conflict(`order ${orderId} already earned ${existing.points} points, not ${points}`);
        return replay(customerId, existing);
      }
      return post(customerId, 'earn', points, balance, reason ?? `earned on order ${orderId}`, orderId, now);
    },
  };
}
