import { assertSchemaName, migrate, type Database, type Principal } from '@agentic-commerce/kit';
import { DEFAULT_GRAPH_SCHEMA, graphMigrations } from './conversation-migrations.ts';
import type { ConversationRecord, ConversationStore } from './conversation-store.ts';

/** `awaiting_approval` of records kept from before the column existed (migration 2): not known yet. */
const UNKNOWN = '?';

interface Row {
  id: string;
  customer_id: string | null;
  principal_kind: string | null;
  created_at: string;
}

const toRecord = (r: Row): ConversationRecord => ({
  id: r.id,
  ...(r.customer_id !== null ? { customerId: r.customer_id } : {}),
  ...(r.principal_kind !== null ? { principalKind: r.principal_kind as Principal['kind'] } : {}),
  createdAt: new Date(r.created_at).toISOString(),
});

/** Conversation records in `<schema>.conversations` (PGlite or PostgreSQL); call `migrateConversations` first. */
export function sqlConversationStore(db: Database, schema = DEFAULT_GRAPH_SCHEMA): ConversationStore {
  const s = assertSchemaName(schema);
  const get = async (id: string): Promise<ConversationRecord | undefined> => {
    const rows = await db.query<Row>(`SELECT id, customer_id, principal_kind, created_at FROM ${s}.conversations WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  };
  return {
    async save(record) {
      const [inserted] = await db.query<Row>(
        `INSERT INTO ${s}.conversations (id, customer_id, principal_kind, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO NOTHING RETURNING id, customer_id, principal_kind, created_at`,
        [record.id, record.customerId ?? null, record.principalKind ?? null, record.createdAt],
      );
      if (inserted) return toRecord(inserted);
      const stored = await get(record.id); // recorded first by another caller, which has committed
      if (!stored) throw new Error(`conversation ${record.id}: neither recorded nor found`);
      return stored;
    },
    get,
    async ids() {
      const rows = await db.query<{ id: string }>(`SELECT id FROM ${s}.conversations ORDER BY created_at, id`);
      return rows.map((r) => r.id);
    },
    async setAwaiting(id, approvalId) {
      await db.query(`UPDATE ${s}.conversations SET awaiting_approval = $2 WHERE id = $1 AND awaiting_approval IS DISTINCT FROM $2`, [id, approvalId ?? null]);
    },
    async awaiting() {
      const rows = await db.query<{ id: string; awaiting_approval: string }>(
        `SELECT id, awaiting_approval FROM ${s}.conversations WHERE awaiting_approval IS NOT NULL ORDER BY created_at, id`,
      );
      return rows.map((r) => ({ id: r.id, approvalId: r.awaiting_approval === UNKNOWN ? undefined : r.awaiting_approval }));
    },
  };
}

/** Creates or updates the graph schema; safe to run on every start. */
export async function migrateConversations(db: Database, schema = DEFAULT_GRAPH_SCHEMA): Promise<void> {
  await migrate(db, schema, graphMigrations);
}

/** The store ready to use: migrated, then opened. */
export async function openSqlConversationStore(db: Database, schema = DEFAULT_GRAPH_SCHEMA): Promise<ConversationStore> {
  await migrateConversations(db, schema);
  return sqlConversationStore(db, schema);
}
