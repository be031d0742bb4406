import { failedPrecondition, notFound, type Queryable } from '@agentic-commerce/kit';
import { carrierReference, labelItems } from '../../domain/return-rules.ts';
import { assertDelivered } from '../../domain/shipment-rules.ts';
import type { ReturnLabel } from '../../domain/types.ts';
import type { ReturnLabelCreation } from '../courier-backend.ts';
import { LABEL_COLUMNS } from './columns.ts';
import { lockShipment } from './shipments.ts';

export async function selectLabel(q: Queryable, s: string, labelId: string, lock = false): Promise<ReturnLabel | undefined> {
  const [row] = await q.query<ReturnLabel>(`SELECT ${LABEL_COLUMNS} FROM ${s}.return_labels WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [labelId]);
  return row;
}

/**
 * The shipment's row lock serialises label requests, so `created` is exact under concurrency; the valid labels are
 * read locked too, so a void committed meanwhile is seen (a voided label is not returned: the items get a new one).
 */
export async function createReturnLabel(q: Queryable, s: string, trackingId: string, itemIds: readonly string[], at: Date): Promise<ReturnLabelCreation> {
  const shipment = await lockShipment(q, s, trackingId);
  assertDelivered(shipment, 'create a return label');
  const items = labelItems(shipment, itemIds);
  const labels = await q.query<ReturnLabel>(`SELECT ${LABEL_COLUMNS} FROM ${s}.return_labels WHERE tracking_id = $1 AND voided_at IS NULL ORDER BY id FOR UPDATE`, [trackingId]);
  const same = labels.find((l) => JSON.stringify([...l.itemIds].sort()) === JSON.stringify(items));
  if (same) return { label: same, created: false };
  const [row] = await q.query<{ id: string }>(`SELECT 'RL' || lpad(nextval('${s}.return_label_numbers')::text, 8, '0') AS id`);
  const label: ReturnLabel = {
    labelId: row!.id,
    trackingId,
    orderId: shipment.orderId,
    customerId: shipment.customerId,
    itemIds: items,
    carrierReference: carrierReference(row!.id, trackingId),
    createdAt: at.toISOString(),
    voidedAt: null,
  };
  await q.query(
    `INSERT INTO ${s}.return_labels (id, tracking_id, order_id, customer_id, item_ids, carrier_reference, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [label.labelId, trackingId, label.orderId, label.customerId, label.itemIds, label.carrierReference, label.createdAt],
  );
  return { label, created: true };
}

/** Voids a label under its row lock; voiding twice changes nothing; a label whose parcel was collected stays valid. */
export async function voidReturnLabel(q: Queryable, s: string, labelId: string, at: Date): Promise<ReturnLabel> {
  const label = await selectLabel(q, s, labelId, true);
  if (!label) throw notFound(`no return label ${labelId}`);
  if (label.voidedAt !== null) return label;
  const [collected] = await q.query<{ id: string }>(`SELECT id FROM ${s}.return_pickups WHERE tracking_id = $1 AND status = 'completed' ORDER BY id LIMIT 1`, [label.trackingId]);
  if (collected) {
    throw failedPrecondition(`return label ${labelId} cannot be voided: the parcel ${label.trackingId} was collected (return pickup ${collected.id} is 'completed')`);
  }
  await q.query(`UPDATE ${s}.return_labels SET voided_at = $2 WHERE id = $1`, [labelId, at.toISOString()]);
  return { ...label, voidedAt: at.toISOString() };
}
