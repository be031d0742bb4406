import type { Database, Queryable } from '@agentic-commerce/kit';
import { migrateWorld } from './migrate-world.ts';
import { SYSTEMS, type WorldSchemas } from './world-schemas.ts';

/** Tables of `schema` (but its migration log) with every table first after the tables it references. */
async function tablesInDependencyOrder(q: Queryable, schema: string): Promise<string[]> {
  const tables = (
    await q.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations' ORDER BY tablename`, [schema])
  ).map((t) => t.name);
  const edges = await q.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = $1 AND c.relname <> p.relname`,
    [schema],
  );
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const edge of edges.filter((e) => e.child === table)) visit(edge.parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

/**
 * Copies a loaded world into other schemas (migrated here; what they held is replaced): every row of every system's tables,
 * and each sequence's position. Far cheaper than loading the source again, e.g. one world per eval trial.
 */
export async function copyWorld(db: Database, from: WorldSchemas, to: WorldSchemas): Promise<void> {
  await migrateWorld(db, to);
  await db.transaction(async (tx) => {
    for (const system of SYSTEMS) {
      const tables = await tablesInDependencyOrder(tx, from[system]);
      // Rows some migrations seed (e.g. pricing's shipping and tax rates) are replaced by the source's.
      for (const table of [...tables].reverse()) await tx.query(`DELETE FROM ${to[system]}."${table}"`);
      for (const table of tables) {
        await tx.query(`INSERT INTO ${to[system]}."${table}" OVERRIDING SYSTEM VALUE SELECT * FROM ${from[system]}."${table}"`);
      }
      const sequences = await tx.query<{ name: string }>(`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = $1`, [from[system]]);
      for (const { name } of sequences) {
        const [position] = await tx.query<{ last_value: number | null; is_called: boolean }>(`SELECT last_value, is_called FROM ${from[system]}."${name}"`);
        if (position?.last_value != null) await tx.query(`SELECT setval($1, $2, $3)`, [`${to[system]}."${name}"`, position.last_value, position.is_called]);
      }
    }
  });
}
