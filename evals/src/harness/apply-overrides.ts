import type { Database } from '@agentic-commerce/kit';
import type { WorldOverride } from '../scenario/schema.ts';

export interface OverrideTarget {
  db: Database;
  schemas: { oms: string; wms: string; courier: string; pricing: string };
  asOf: Date;
}

async function expectRows(changed: unknown[], what: string): Promise<void> {
  if (changed.length === 0) throw new Error(`override refers to ${what}, which this world does not have`);
}

/**
 * Applies a scenario's world overrides with plain SQL on the reference schemas, before the conversation starts.
 * Product-text overrides change the knowledge index instead (see the harness).
 */
export async function applyOverrides(target: OverrideTarget, overrides: readonly WorldOverride[]): Promise<void> {
  const { db, schemas: s } = target;
  for (const o of overrides) {
    switch (o.kind) {
      case 'order_delivered_days_ago': {
        const at = new Date(target.asOf.getTime() - o.days * 86_400_000).toISOString();
        await expectRows(await db.query(`UPDATE ${s.oms}.orders SET delivered_at = $2 WHERE id = $1 RETURNING id`, [o.order, at]), `order ${o.order}`);
        break;
      }
      case 'warehouse_out_of_stock': {
        const rows = await db.query(
          `UPDATE ${s.wms}.stock SET on_hand = reserved WHERE warehouse_id = $1 AND ($2::text IS NULL OR item_id = $2) RETURNING item_id`,
          [o.warehouse, o.item ?? null],
        );
        await expectRows(rows, `stock in warehouse ${o.warehouse}${o.item ? ` for item ${o.item}` : ''}`);
        break;
      }
      case 'slot_full':
        await expectRows(await db.query(`UPDATE ${s.courier}.delivery_slots SET booked = capacity WHERE id = $1 RETURNING id`, [o.slot]), `slot ${o.slot}`);
        break;
      case 'delivery_failed':
        await expectRows(
          await db.query(`UPDATE ${s.courier}.shipments SET status = 'failed_attempt' WHERE tracking_id = $1 RETURNING tracking_id`, [o.tracking]),
          `shipment ${o.tracking}`,
        );
        await db.query(`INSERT INTO ${s.courier}.tracking_events (tracking_id, at, kind, note) VALUES ($1, $2, 'failed_attempt', 'nobody at home')`, [
          o.tracking,
          target.asOf.toISOString(),
        ]);
        break;
      case 'gift_card_balance':
        await expectRows(
          await db.query(`UPDATE ${s.oms}.payment_methods SET balance = $3 WHERE customer_id = $1 AND id = $2 RETURNING id`, [o.user, o.paymentMethod, o.balance]),
          `gift card ${o.paymentMethod} of ${o.user}`,
        );
        break;
      case 'product_text':
        break;
    }
  }
}
