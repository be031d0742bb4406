import type { Queryable } from '@agentic-commerce/kit';
import { exportTauState, sqlOmsBackend, type TauState } from '@agentic-commerce/oms';
import type { WorldSchemas } from './world-schemas.ts';

/** Every row of one system's tables, by table name, in a stable order. */
export type TableDump = Record<string, Record<string, unknown>[]>;

/** The state of the four systems: the OMS in τ-bench's record shape, the others table by table. */
export interface WorldSnapshot {
  oms: TauState;
  wms: TableDump;
  courier: TableDump;
  pricing: TableDump;
}

/** All tables of `schema` (but its migration log), each sorted by every column so two dumps compare equal. */
export async function dumpSchema(q: Queryable, schema: string): Promise<TableDump> {
  const tables = await q.query<{ table_name: string; columns: number }>(
    `SELECT c.table_name, count(*)::int AS columns FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations'
      GROUP BY c.table_name ORDER BY c.table_name`,
    [schema],
  );
  const dump: TableDump = {};
  for (const { table_name, columns } of tables) {
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    dump[table_name] = await q.query(`SELECT * FROM ${schema}."${table_name}" ORDER BY ${order}`);
  }
  return dump;
}

export async function snapshotWorld(q: Queryable, schemas: WorldSchemas): Promise<WorldSnapshot> {
  return {
    oms: await exportTauState(sqlOmsBackend(schemas.oms)(q)),
    wms: await dumpSchema(q, schemas.wms),
    courier: await dumpSchema(q, schemas.courier),
    pricing: await dumpSchema(q, schemas.pricing),
  };
}
