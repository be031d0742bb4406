import { notFound, type Queryable } from '@agentic-commerce/kit';
import { assertFulfillmentTransition } from '../../domain/fulfillment-status.ts';
import type { Fulfillment, FulfillmentStatus } from '../../domain/types.ts';
import { FULFILLMENT_COLUMNS } from './columns.ts';

export async function selectFulfillment(q: Queryable, s: string, trackingId: string, lock = false): Promise<Fulfillment | undefined> {
  const [row] = await q.query<Fulfillment>(
    `SELECT ${FULFILLMENT_COLUMNS} FROM ${s}.fulfillments WHERE tracking_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [trackingId],
  );
  return row;
}

export async function advanceFulfillment(q: Queryable, s: string, trackingId: string, status: FulfillmentStatus, at: Date): Promise<Fulfillment> {
  const current = await selectFulfillment(q, s, trackingId, true);
  if (!current) throw notFound(`no fulfillment with tracking id ${trackingId}`);
  assertFulfillmentTransition(trackingId, current.status, status);
  if (current.status === status) return current;
  await q.query(`UPDATE ${s}.fulfillments SET status = $2, updated_at = $3 WHERE tracking_id = $1`, [trackingId, status, at.toISOString()]);
  return { ...current, status, updatedAt: at.toISOString() };
}
