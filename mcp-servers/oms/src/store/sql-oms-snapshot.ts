import { assertSchemaName, type Queryable } from '@agentic-commerce/kit';
import type { ChangedRecordIds } from './oms-backend.ts';
import { OMS_TABLES } from './migrations.ts';

/** Copies every row of an OMS schema into another, already migrated and empty, one (a template -> a world). */
export async function copyOmsSchema(q: Queryable, from: string, to: string): Promise<void> {
  assertSchemaName(from);
  assertSchemaName(to);
  for (const table of OMS_TABLES) await q.query(`INSERT INTO ${to}.${table} SELECT * FROM ${from}.${table}`);
}

const CUSTOMER_CHILDREN = ['payment_methods'] as const;
const PRODUCT_CHILDREN = ['variants'] as const;
const ORDER_CHILDREN = ['order_items', 'fulfillments', 'payment_transactions', 'cancellations', 'item_modifications', 'returns', 'exchanges', 'order_allocations'] as const;

/**
 * Puts the given records of `schema` back as they are in `template` (deleting the ones the template lacks,
 * e.g. orders created since). Much faster than a full copy when a run touched a handful of records.
 */
export async function restoreOmsRecords(q: Queryable, schema: string, template: string, ids: ChangedRecordIds): Promise<void> {
  const s = assertSchemaName(schema);
  const t = assertSchemaName(template);
  if (ids.orders.length > 0) {
    await q.query(`DELETE FROM ${s}.orders WHERE id = ANY($1::text[])`, [ids.orders]); // children cascade
  }
  if (ids.users.length > 0) {
    for (const child of CUSTOMER_CHILDREN) await q.query(`DELETE FROM ${s}.${child} WHERE customer_id = ANY($1::text[])`, [ids.users]);
    await q.query(`DELETE FROM ${s}.customers c WHERE id = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM ${s}.orders o WHERE o.customer_id = c.id)`, [ids.users]);
    await q.query(
      `UPDATE ${s}.customers c SET first_name = x.first_name, last_name = x.last_name, email = x.email, address1 = x.address1, address2 = x.address2,
              city = x.city, state = x.state, country = x.country, zip = x.zip, revision = x.revision
         FROM ${t}.customers x WHERE x.id = c.id AND c.id = ANY($1::text[])`,
      [ids.users],
    );
    await q.query(`INSERT INTO ${s}.customers SELECT * FROM ${t}.customers WHERE id = ANY($1::text[]) ON CONFLICT (id) DO NOTHING`, [ids.users]);
    for (const child of CUSTOMER_CHILDREN) await q.query(`INSERT INTO ${s}.${child} SELECT * FROM ${t}.${child} WHERE customer_id = ANY($1::text[])`, [ids.users]);
  }
  if (ids.products.length > 0) {
    for (const child of PRODUCT_CHILDREN) await q.query(`DELETE FROM ${s}.${child} WHERE product_id = ANY($1::text[])`, [ids.products]);
    await q.query(`UPDATE ${s}.products p SET name = x.name, revision = x.revision FROM ${t}.products x WHERE x.id = p.id AND p.id = ANY($1::text[])`, [ids.products]);
    for (const child of PRODUCT_CHILDREN) await q.query(`INSERT INTO ${s}.${child} SELECT * FROM ${t}.${child} WHERE product_id = ANY($1::text[])`, [ids.products]);
  }
  if (ids.orders.length > 0) {
    await q.query(`INSERT INTO ${s}.orders SELECT * FROM ${t}.orders WHERE id = ANY($1::text[])`, [ids.orders]);
    for (const child of ORDER_CHILDREN) await q.query(`INSERT INTO ${s}.${child} SELECT * FROM ${t}.${child} WHERE order_id = ANY($1::text[])`, [ids.orders]);
  }
}
