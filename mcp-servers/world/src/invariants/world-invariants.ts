import type { Queryable } from '@agentic-commerce/kit';
import type { WorldSchemas } from '../world-schemas.ts';

/** The lines of WMS reservation `alias` as rows (item_id, warehouse_id, quantity); the WMS keeps them as a jsonb array. */
const ACTIVE_LINES = (alias: string) =>
  `LATERAL jsonb_to_recordset(${alias}.lines) AS l0("itemId" text, "warehouseId" text, quantity int)
   CROSS JOIN LATERAL (SELECT l0."itemId" AS item_id, l0."warehouseId" AS warehouse_id, l0.quantity) l`;

/**
 * One cross-system rule a world must keep, as a query returning the rows that break it (at most 20). The queries
 * read the reference SQL backends' schemas: they check the reference implementations, not adapters.
 */
interface Invariant {
  name: string;
  violations: (s: WorldSchemas) => string;
}

const INVARIANTS: Invariant[] = [
  {
    name: 'every OMS tracking id has a courier shipment for the same order',
    violations: (s) => `SELECT f.order_id, t.tracking_id FROM ${s.oms}.fulfillments f CROSS JOIN LATERAL unnest(f.tracking_ids) AS t(tracking_id)
      LEFT JOIN ${s.courier}.shipments c ON c.tracking_id = t.tracking_id WHERE c.order_id IS DISTINCT FROM f.order_id`,
  },
  {
    name: 'every courier shipment belongs to an OMS fulfillment',
    violations: (s) => `SELECT c.tracking_id, c.order_id FROM ${s.courier}.shipments c
      WHERE NOT EXISTS (SELECT 1 FROM ${s.oms}.fulfillments f WHERE f.order_id = c.order_id AND c.tracking_id = ANY(f.tracking_ids))`,
  },
  {
    name: 'every WMS parcel is an OMS tracking id of the same order',
    violations: (s) => `SELECT w.tracking_id, w.order_id FROM ${s.wms}.fulfillments w
      WHERE NOT EXISTS (SELECT 1 FROM ${s.oms}.fulfillments f WHERE f.order_id = w.order_id AND w.tracking_id = ANY(f.tracking_ids))`,
  },
  {
    name: 'reserved stock equals the active reservations and never exceeds on-hand stock',
    violations: (s) => `SELECT st.item_id, st.warehouse_id, st.on_hand, st.reserved, coalesce(r.units, 0) AS active_units FROM ${s.wms}.stock st
      LEFT JOIN (SELECT l.item_id, l.warehouse_id, sum(l.quantity)::int AS units FROM ${s.wms}.reservations v, ${ACTIVE_LINES('v')}
                 WHERE v.status = 'active' GROUP BY 1, 2) r
        ON r.item_id = st.item_id AND r.warehouse_id = st.warehouse_id
      WHERE st.reserved <> coalesce(r.units, 0) OR st.reserved > st.on_hand`,
  },
  {
    name: 'a variant is available in the catalog exactly when some warehouse has unreserved stock',
    violations: (s) => `SELECT v.item_id, v.available, coalesce(sum(st.on_hand - st.reserved), 0)::int AS free FROM ${s.oms}.variants v
      LEFT JOIN ${s.wms}.stock st ON st.item_id = v.item_id GROUP BY v.item_id, v.available
      HAVING v.available <> (coalesce(sum(st.on_hand - st.reserved), 0) > 0)`,
  },
  {
    name: 'every pending order holds an active reservation of exactly its units',
    violations: (s) => `SELECT o.id FROM ${s.oms}.orders o WHERE o.status LIKE 'pending%' AND (
        SELECT coalesce(array_agg(i.item_id ORDER BY i.item_id), '{}') FROM ${s.oms}.order_items i WHERE i.order_id = o.id)
      IS DISTINCT FROM (
        SELECT coalesce(array_agg(l.item_id ORDER BY l.item_id), '{}') FROM ${s.wms}.reservations r, ${ACTIVE_LINES('r')}
          CROSS JOIN LATERAL generate_series(1, l.quantity) WHERE r.order_id = o.id AND r.status = 'active')`,
  },
  {
    name: 'only pending or processed orders hold an active reservation, and the OMS records it as the order allocation',
    violations: (s) => `SELECT r.order_id, o.status FROM ${s.wms}.reservations r LEFT JOIN ${s.oms}.orders o ON o.id = r.order_id
      WHERE r.status = 'active' AND (o.id IS NULL OR NOT (o.status LIKE 'pending%' OR o.status = 'processed') OR NOT EXISTS (
        SELECT 1 FROM ${s.oms}.order_allocations a WHERE a.order_id = r.order_id AND a.kind = 'stock_reservation' AND a.reference = r.order_id))`,
  },
  {
    // A line placed by create_order keeps its list price beside the discounted price it was charged (list_price).
    name: 'order lines were priced at the list price of their variant',
    violations: (s) => `SELECT i.order_id, i.item_id, coalesce(i.list_price, i.price) AS price, p.price AS list_price FROM ${s.oms}.order_items i
      LEFT JOIN ${s.pricing}.list_prices p ON p.item_id = i.item_id AND p.valid_to IS NULL WHERE p.price IS DISTINCT FROM coalesce(i.list_price, i.price)`,
  },
  {
    name: 'catalog prices equal pricing list prices',
    violations: (s) => `SELECT v.item_id, v.price, p.price AS list_price FROM ${s.oms}.variants v
      LEFT JOIN ${s.pricing}.list_prices p ON p.item_id = v.item_id AND p.valid_to IS NULL WHERE p.price IS DISTINCT FROM v.price`,
  },
  {
    name: 'delivered orders have every parcel delivered, with a time',
    violations: (s) => `SELECT o.id, c.tracking_id, c.status FROM ${s.oms}.orders o JOIN ${s.courier}.shipments c ON c.order_id = o.id
      WHERE o.status IN ('delivered', 'return requested', 'exchange requested') AND (c.status <> 'delivered' OR c.delivered_at IS NULL)`,
  },
  {
    name: 'pending and cancelled orders have no parcel with the carrier (at most a label, or one voided and returned)',
    violations: (s) => `SELECT o.id, c.tracking_id, c.status FROM ${s.oms}.orders o JOIN ${s.courier}.shipments c ON c.order_id = o.id
      WHERE (o.status LIKE 'pending%' OR o.status = 'cancelled') AND c.status NOT IN ('label_created', 'returned')`,
  },
  {
    name: 'every customer has a loyalty account whose balance is its last transaction balance',
    violations: (s) => `SELECT c.id, a.balance, t.balance_after FROM ${s.oms}.customers c
      LEFT JOIN ${s.pricing}.loyalty_accounts a ON a.customer_id = c.id
      LEFT JOIN LATERAL (SELECT balance_after FROM ${s.pricing}.loyalty_transactions x WHERE x.customer_id = c.id ORDER BY x.id DESC LIMIT 1) t ON true
      WHERE a.customer_id IS NULL OR a.balance <> coalesce(t.balance_after, 0)`,
  },
];

export interface InvariantReport {
  name: string;
  /** Up to 20 offending rows; empty when the rule holds. */
  violations: Record<string, unknown>[];
}

/** Checks the cross-system rules of a loaded world; a coherent world returns every report with no violations. */
export async function checkWorldInvariants(q: Queryable, schemas: WorldSchemas): Promise<InvariantReport[]> {
  const reports: InvariantReport[] = [];
  for (const invariant of INVARIANTS) {
    reports.push({ name: invariant.name, violations: await q.query(`${invariant.violations(schemas)} LIMIT 20`) });
  }
  return reports;
}
