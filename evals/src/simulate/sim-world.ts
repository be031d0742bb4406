import type { Queryable } from '@agentic-commerce/kit';
import type { SimWorld } from './contact-types.ts';

/** Reads what the contact generator needs straight from a loaded world's schemas (fast at 100k orders). */
export async function readSimWorld(q: Queryable, schemas: { oms: string; courier: string }, asOf?: Date): Promise<SimWorld> {
  const customers = await q.query<{ id: string; email: string; name: string; zip: string; methods: string[] }>(
    `SELECT c.id, c.email, c.first_name || ' ' || c.last_name AS name, c.zip,
            coalesce(array_agg(p.id ORDER BY p.position) FILTER (WHERE p.id IS NOT NULL), '{}') AS methods
       FROM ${schemas.oms}.customers c LEFT JOIN ${schemas.oms}.payment_methods p ON p.customer_id = c.id
      GROUP BY c.id ORDER BY c.id`,
  );
  const orders = await q.query<{ id: string; customer_id: string; status: string; items: { itemId: string; description: string }[]; tracking: string[] | null; payment: string | null; delivered_at: string | null }>(
    `SELECT o.id, o.customer_id, o.status,
            (SELECT json_agg(json_build_object('itemId', i.item_id, 'description',
                    trim(coalesce(i.options->>'color', '') || ' ' || lower(i.name))) ORDER BY i.position)
               FROM ${schemas.oms}.order_items i WHERE i.order_id = o.id) AS items,
            (SELECT array_agg(t ORDER BY f.position) FROM ${schemas.oms}.fulfillments f, unnest(f.tracking_ids) t WHERE f.order_id = o.id) AS tracking,
            (SELECT p.payment_method_id FROM ${schemas.oms}.payment_transactions p WHERE p.order_id = o.id ORDER BY p.seq LIMIT 1) AS payment,
            d.at AS delivered_at
       FROM ${schemas.oms}.orders o
       LEFT JOIN (SELECT s.order_id, max(e.at) AS at FROM ${schemas.courier}.shipments s
                    JOIN ${schemas.courier}.tracking_events e ON e.tracking_id = s.tracking_id AND e.kind = 'delivered'
                   GROUP BY s.order_id) d ON d.order_id = o.id
      ORDER BY o.id`,
  );
  const shipments = await q.query<{ tracking_id: string; order_id: string; customer_id: string; status: string; failed: number }>(
    `SELECT s.tracking_id, s.order_id, s.customer_id, s.status,
            (SELECT count(*)::int FROM ${schemas.courier}.tracking_events e WHERE e.tracking_id = s.tracking_id AND e.kind = 'failed_attempt') AS failed
       FROM ${schemas.courier}.shipments s ORDER BY s.tracking_id`,
  );
  return {
    customers: customers.map((c) => ({ id: c.id, email: c.email, name: c.name, zip: c.zip, paymentMethodIds: c.methods })),
    orders: orders.map((o) => ({ id: o.id, customerId: o.customer_id, status: o.status, items: o.items ?? [], paymentMethodId: o.payment ?? '', trackingIds: o.tracking ?? [], deliveredAt: o.delivered_at ?? undefined })),
    shipments: shipments.map((s) => ({ trackingId: s.tracking_id, orderId: s.order_id, customerId: s.customer_id, status: s.status, failedAttempts: s.failed })),
    asOf,
  };
}
