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
  const get = async (conversationId: string): Promise<string | undefined> => {
    const [row] = await q.query<{ customer_id: string }>(`SELECT customer_id FROM ${table} WHERE conversation_id = $1`, [conversationId]);
    return row?.customer_id;
  };
  return {
    get,
    async set(conversationId, customerId) {
      const [inserted] = await q.query<{ customer_id: string }>(
        `INSERT INTO ${table} (conversation_id, customer_id, bound_at) VALUES ($1, $2, $3) ON CONFLICT (conversation_id) DO NOTHING RETURNING customer_id`,
        [conversationId, customerId, now().toISOString()],
      );
      if (inserted) return inserted.customer_id;
      // Bound by a concurrent call, which has committed (the INSERT waited for it): read whom it bound.
      const bound = await get(conversationId);
      if (bound === undefined) throw new Error(`conversation ${conversationId}: binding neither inserted nor found`);
      return bound;
    },
  };
}
