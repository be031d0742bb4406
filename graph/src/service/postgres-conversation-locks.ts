import { CommerceError, type Database } from '@agentic-commerce/kit';
import { conversationLocks, type ConversationLocks } from './conversation-lock.ts';

/** The advisory lock a conversation's turn holds: (hashtext(LOCK_NAMESPACE), hashtext(conversation id)). */
export const LOCK_NAMESPACE = 'agentic-commerce:conversation-turn';
const DEFAULT_WAIT_MS = 120_000;
/** Connections of the lock pool the apps open: conversations one process runs turns of at once, beyond which turns wait. */
export const TURN_LOCK_CONNECTIONS = 16;
const LOCK_NOT_AVAILABLE = '55P03';

export interface PostgresConversationLocksOptions {
  /** How long a turn waits for another process's turn on the same conversation before answering UNAVAILABLE. */
  waitMs?: number;
}

/**
 * One turn at a time per conversation across every process on one PostgreSQL database (API replicas, BullMQ workers):
 * a turn runs inside a transaction on `db` that holds a transaction-level advisory lock on its conversation and writes
 * nothing, so the lock goes when the turn ends or when its process or connection dies. Within a process turns queue in
 * memory first, so each process holds at most one connection per conversation it is running. `db` should be a pool
 * of its own (each running turn keeps one of its connections), not the one the turns' own work uses. A turn that waits
 * longer than `waitMs` is refused with UNAVAILABLE (a worker retries it; the API answers 503).
 */
export function postgresConversationLocks(db: Database, options: PostgresConversationLocksOptions = {}): ConversationLocks {
  if (db.kind !== 'postgres') throw new Error(`postgresConversationLocks needs a PostgreSQL database, got ${db.kind} (one process on PGlite: conversationLocks() serialises its turns)`);
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  if (!Number.isInteger(waitMs) || waitMs < 1) throw new Error(`waitMs must be a positive whole number of milliseconds, got ${waitMs}`);
  const local = conversationLocks();
  return <T>(conversationId: string, fn: () => Promise<T>): Promise<T> =>
    local(conversationId, async () => {
      let finished: { value: T } | undefined;
      try {
        await db.transaction(async (tx) => {
          await tx.query(`SET LOCAL lock_timeout = ${waitMs}`);
          try {
            await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [LOCK_NAMESPACE, conversationId]);
          } catch (error) {
            if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
            throw new CommerceError('UNAVAILABLE', `conversation ${conversationId} is running a turn in another process and it did not end within ${waitMs} ms; send again later`, {
              details: { reason: 'conversation_busy' },
            });
          }
          finished = { value: await fn() };
        });
      } catch (error) {
        // The turn ran and ended; only releasing the lock failed (its connection dropped), which released it anyway.
        if (finished) return finished.value;
        throw error;
      }
      return finished!.value;
    });
}
