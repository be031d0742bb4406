import type { Queryable } from '../db/database.ts';
import type { Claim, IdempotencyStore } from './idempotency-store.ts';

/** Counting a policy velocity rule: this execution joins the customer's executions of `action` in the last `days` UTC days. */
export interface VelocityCount {
  customerId: string;
  action: string;
  days: number;
}

export interface Admission {
  /** `claimed` when there was no key or it was claimed now; else the earlier call's result to replay. */
  claim: Claim;
  /** Executions of the action by the customer in the rule's period before this one; undefined without a velocity rule. */
  earlier?: number | undefined;
}

/**
 * Admits one write inside its transaction, in one statement: claims the idempotency key (the INSERT takes the unique
 * index entry, so a concurrent duplicate blocks until the first transaction ends) and, only when the key was claimed,
 * counts this execution in today's velocity bucket and reads the earlier days of the rule's period. Both roll back
 * with the call when it is refused. A key already taken is resolved by `store.existing` (replay, CONFLICT, UNAVAILABLE).
 */
export async function admitWrite(
  tx: Queryable,
  schema: string,
  store: IdempotencyStore,
  key: { scope: string; key: string; argsHash: string } | undefined,
  velocity: VelocityCount | undefined,
  now: Date,
): Promise<Admission> {
  if (!velocity) {
    if (!key) return { claim: { status: 'claimed' } };
    return { claim: await store.claim(tx, key.scope, key.key, key.argsHash, now.toISOString()) };
  }
  const today = now.toISOString().slice(0, 10);
  const first = new Date(now.getTime() - (Math.ceil(velocity.days) - 1) * 86_400_000).toISOString().slice(0, 10);
  const params: unknown[] = [velocity.customerId, velocity.action, today, first];
  let claimed = '';
  let gate = '';
  if (key) {
    params.push(key.scope, key.key, key.argsHash, now.toISOString());
    claimed = `claimed AS (INSERT INTO ${schema}.idempotency (scope, key, args_hash, created_at) VALUES ($5, $6, $7, $8)
                 ON CONFLICT (scope, key) DO NOTHING RETURNING 1),`;
    gate = 'WHERE EXISTS (SELECT 1 FROM claimed)';
  }
  // The upsert waits on today's row lock, so concurrent calls for one customer count exactly; earlier days no longer change.
  const [row] = await tx.query<{ claimed: boolean; total: number | null }>(
    `WITH ${claimed}
     bumped AS (
       INSERT INTO ${schema}.velocity_counts AS v (customer_id, action, day, n) SELECT $1::text, $2::text, $3::date, 1 ${gate}
       ON CONFLICT (customer_id, action, day) DO UPDATE SET n = v.n + 1 RETURNING n)
     SELECT EXISTS (SELECT 1 FROM bumped) AS claimed,
       (SELECT n FROM bumped) + COALESCE((SELECT sum(n) FROM ${schema}.velocity_counts
         WHERE customer_id = $1 AND action = $2 AND day >= $4::date AND day < $3::date), 0) AS total`,
    params,
  );
  if (key && !row?.claimed) return { claim: await store.existing(tx, key.scope, key.key, key.argsHash) };
  return { claim: { status: 'claimed' }, earlier: Number(row?.total ?? 1) - 1 };
}
