import type { Queryable } from '../db/database.ts';
import type { Alongside } from '../ledger/ledger.ts';
import { refuseSql } from '../write-refusal.ts';
import type { Claim, IdempotencyStore } from './idempotency-store.ts';

/** Counting a policy velocity rule: this execution joins the customer's executions of `action` in the last `days` UTC days. */
export interface VelocityCount {
  customerId: string;
  action: string;
  days: number;
}

/** An idempotency key to claim; with `result`, the claim also stores the call's result (admission at commit). */
export interface KeyClaim {
  scope: string;
  key: string;
  argsHash: string;
  result?: Record<string, unknown> | undefined;
}

export interface Admission {
  /** `claimed` when there was no key or it was claimed now; else the earlier call's result to replay. */
  claim: Claim;
  /** Executions of the action by the customer in the rule's period before this one; undefined without a velocity rule. */
  earlier?: number | undefined;
}

/** What the admission statement returns: whether the key was claimed (true without a key), and the period's total with this call. */
export interface AdmissionRow extends Record<string, unknown> {
  claimed: boolean;
  total: number | null;
}

/**
 * The admission as common table expressions: `claimed` inserts the idempotency key (the unique index entry makes a
 * concurrent duplicate wait until the first transaction ends; ON CONFLICT then finds it taken), and `bumped` — only
 * when the key was claimed, so the key is always taken before the velocity row — counts this execution in today's
 * velocity bucket. `columns` reads whether the key was claimed and the period's total including this call.
 */
export function admissionCtes(schema: string, key: KeyClaim | undefined, velocity: VelocityCount | undefined, now: Date): Alongside {
  return { ...admissionText(schema, key !== undefined, velocity !== undefined, false), params: admissionParams(key, velocity, now) };
}

/**
 * `admissionCtes` for a statement its transaction commits right behind (ledger `final`): instead of returning them,
 * it raises the `keyTaken` refusal when the key was not claimed and `overVelocity` when the period's total with this
 * call is over `velocity.max` (write-refusal.ts), so that the COMMIT rolls back.
 */
export function refusingAdmissionCtes(schema: string, key: KeyClaim | undefined, velocity: (VelocityCount & { max: number }) | undefined, now: Date): Alongside {
  const params = admissionParams(key, velocity, now);
  if (velocity) params.push(velocity.max);
  return { ...admissionText(schema, key !== undefined, velocity !== undefined, true), params };
}

function admissionParams(key: KeyClaim | undefined, velocity: VelocityCount | undefined, now: Date): unknown[] {
  const params: unknown[] = [];
  if (key) params.push(key.scope, key.key, key.argsHash, now.toISOString(), key.result === undefined ? null : JSON.stringify(key.result));
  if (velocity) {
    const today = now.toISOString().slice(0, 10);
    const first = new Date(now.getTime() - (Math.ceil(velocity.days) - 1) * 86_400_000).toISOString().slice(0, 10);
    params.push(velocity.customerId, velocity.action, today, first);
  }
  return params;
}

const texts = new Map<string, { ctes: string; columns: string }>();

/** The SQL of `admissionCtes`: the same few texts every time (built once; engines prepare statements by text). */
function admissionText(schema: string, withKey: boolean, withVelocity: boolean, refusing: boolean): { ctes: string; columns: string } {
  const id = `${schema}|${withKey}|${withVelocity}|${refusing}`;
  let text = texts.get(id);
  if (text) return text;
  const ctes: string[] = [];
  let claimed = 'true';
  if (withKey) {
    ctes.push(`claimed AS (INSERT INTO ${schema}.idempotency (scope, key, args_hash, created_at, result) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (scope, key) DO NOTHING RETURNING 1)`);
    claimed = 'EXISTS (SELECT 1 FROM claimed)';
  }
  let total = 'NULL::int';
  if (withVelocity) {
    const p = withKey ? 5 : 0;
    // The upsert waits on today's row lock, so concurrent calls for one customer count exactly; earlier days no longer change.
    ctes.push(`bumped AS (
       INSERT INTO ${schema}.velocity_counts AS v (customer_id, action, day, n) SELECT $${p + 1}::text, $${p + 2}::text, $${p + 3}::date, 1
        ${withKey ? 'WHERE EXISTS (SELECT 1 FROM claimed)' : ''}
       ON CONFLICT (customer_id, action, day) DO UPDATE SET n = v.n + 1 RETURNING n)`);
    total = `(SELECT n FROM bumped) + COALESCE((SELECT sum(n) FROM ${schema}.velocity_counts
         WHERE customer_id = $${p + 1} AND action = $${p + 2} AND day >= $${p + 4}::date AND day < $${p + 3}::date), 0)`;
  }
  let columns = `${claimed} AS claimed, ${total} AS total`;
  if (refusing) {
    const max = (withKey ? 5 : 0) + (withVelocity ? 5 : 0);
    const overVelocity = withVelocity ? ` WHEN ${total} > $${max} THEN ${refuseSql(schema, 'overVelocity', 'over the velocity limit')}` : '';
    columns = `CASE WHEN NOT ${claimed} THEN ${refuseSql(schema, 'keyTaken', 'idempotency key taken')}${overVelocity} END AS refused`;
  }
  text = { ctes: ctes.join(',\n'), columns };
  if (texts.size >= 256) texts.clear();
  texts.set(id, text);
  return text;
}

/**
 * Admits one write inside its transaction, before its handler runs, in one statement (see `admissionCtes`). Both roll
 * back with the call when it is refused. A key already taken is resolved by `store.existing` (replay, CONFLICT,
 * UNAVAILABLE).
 */
export async function admitWrite(
  tx: Queryable,
  schema: string,
  store: IdempotencyStore,
  key: KeyClaim | undefined,
  velocity: VelocityCount | undefined,
  now: Date,
): Promise<Admission> {
  if (!key && !velocity) return { claim: { status: 'claimed' } };
  const { ctes, params, columns } = admissionCtes(schema, key, velocity, now);
  const [row] = await tx.query<AdmissionRow>(`WITH ${ctes} SELECT ${columns}`, params);
  if (key && !row?.claimed) return { claim: await store.existing(tx, key.scope, key.key, key.argsHash) };
  return { claim: { status: 'claimed' }, earlier: velocity ? Number(row?.total ?? 1) - 1 : undefined };
}
