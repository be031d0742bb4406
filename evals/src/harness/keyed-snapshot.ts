/**
 * Graders address rows by id ("courier/shipments/123456/status"), so table dumps (arrays of rows) become
 * records keyed by their id column. Tables without one stay arrays (addressable by index).
 */
const ID_COLUMNS = ['id', 'tracking_id', 'order_id', 'item_id', 'variant_id', 'code', 'customer_id', 'user_id'];

export function keyRows(rows: Record<string, unknown>[]): Record<string, unknown> | Record<string, unknown>[] {
  if (rows.length === 0) return {};
  for (const column of ID_COLUMNS) {
    const ids = rows.map((r) => r[column]);
    if (ids.every((id) => typeof id === 'string' || typeof id === 'number') && new Set(ids).size === rows.length) {
      return Object.fromEntries(rows.map((r) => [String(r[column]), r]));
    }
  }
  return rows;
}

export function keyedSnapshot(snapshot: { oms: unknown; wms: Record<string, Record<string, unknown>[]>; courier: Record<string, Record<string, unknown>[]>; pricing: Record<string, Record<string, unknown>[]> }) {
  const keyTables = (dump: Record<string, Record<string, unknown>[]>) => Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, keyRows(rows)]));
  return { oms: snapshot.oms, wms: keyTables(snapshot.wms), courier: keyTables(snapshot.courier), pricing: keyTables(snapshot.pricing) };
}
