import type { Queryable } from '../db/database.ts';
import { assertSchemaName } from '../db/migrate.ts';
import type { BindingStore } from '../runtime.ts';

/**
 * Durable agent conversation bindings in `<schema>.conversation_bindings`: the first customer an agent authenticates
 * in a conversation is bound for good (first writer wins, also under concurrency), surviving restarts.
 */
export function sqlBindingStore(q: Queryable, schema: string, now: () => Date = () => new Date()): BindingStore {
  assertSchemaName(schema);
  const table = `${schema}.conversation_bindings`;
  return {
    async get(conversationId) {
      const [row] = await q.query<{ customer_id: string }>(`SELECT customer_id FROM ${table} WHERE conversation_id = $1`, [conversationId]);
      return row?.customer_id;
    },
    async set(conversationId, customerId) {
      await q.query(`INSERT INTO ${table} (conversation_id, customer_id, bound_at) VALUES ($1, $2, $3) ON CONFLICT (conversation_id) DO NOTHING`, [
        conversationId, customerId, now().toISOString(),
      ]);
    },
  };
}
